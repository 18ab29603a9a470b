// A small, read-only YAML document tree built from yaml-cpp's event parser.
//
// Why not YAML::Node: building yaml-cpp's node graph costs more than the
// scanning itself, and its marks are lost on some nodes. The event API gives
// exact marks for every node, lets us tell quoted from plain scalars, and
// lets us bound what aliases expand to (an "alias bomb" of nested anchors
// is a few lines of text that expands exponentially).
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"

namespace paperflow::yaml {

struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  bool plain = true;  // a scalar written without quotes or tag: only plain scalars are numbers or booleans
  int line = 0;       // 1-based
  int column = 0;     // 1-based, in characters
  std::string value;  // scalar text
  // Sequence: the items. Map: keys and values alternating. Aliases make two
  // parents share one child, which is why these are pointers.
  std::vector<const Node*> children;
  std::size_t expanded_size = 1;  // nodes this one stands for, aliases expanded
  bool complete = true;           // false while its collection is still being read
};

/// Limits that keep a hostile file from exhausting memory or time.
struct Limits {
  std::size_t max_file_bytes = 64u << 20;
  std::size_t max_alias_expansion = 1'000'000;  // nodes that aliases may add, in all
};

struct Document {
  std::deque<Node> nodes;  // a deque keeps addresses stable while it grows
  const Node* root = nullptr;
};

/// Parses `text` as one YAML document. Problems (not UTF-8, a NUL byte,
/// syntax errors, several documents, limits exceeded) are appended to
/// `diagnostics` with rule yaml-syntax or limits; the returned document then
/// has no root. An empty file yields a document without root and an error.
Document parse(std::string_view text, const std::shared_ptr<const std::string>& file,
               Diagnostics& diagnostics, const Limits& limits = {});

/// Converts a 0-based byte offset within a line into a 1-based column in
/// characters (UTF-8 code points), which is what editors and carets count.
int byte_to_char_column(std::string_view line_text, std::size_t byte_offset);

}  // namespace paperflow::yaml
