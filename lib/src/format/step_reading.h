// How a process file's steps are read: one at a time as the file is read
// a second time (what load_process does), or all from one tree. The tests
// read every file both ways and compare: the tree is the oracle.
#pragma once

#include <string>
#include <string_view>

#include "paperflow/loader.h"

namespace paperflow {

enum class StepReading {
  streamed,  // each step's nodes gone once it is read: the file's memory is mostly its model
  whole,     // every node at once, as the file is parsed
};

LoadResult load_process(std::string_view text, const std::string& file_name, StepReading reading);

}  // namespace paperflow
