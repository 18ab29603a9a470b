// A progress bar on standard error while a long run lasts more than a
// second and standard error is a terminal; nothing otherwise, so that logs
// and pipes stay clean.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace paperflow::cli {

class ProgressBar {
 public:
  /// `share` is read every 200 ms on the bar's own thread: it must be safe
  /// to call from there (an atomic counter) and give a value in [0, 1].
  ProgressBar(std::string label, std::function<double()> share);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

 private:
  void loop();
  std::string label_;
  std::function<double()> share_;
  bool enabled_, stop_ = false, shown_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace paperflow::cli
