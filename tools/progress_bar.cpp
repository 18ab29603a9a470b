#include "progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace paperflow::cli {

ProgressBar::ProgressBar(std::string label, std::function<double()> share)
    : label_(std::move(label)), share_(std::move(share)), enabled_(::isatty(STDERR_FILENO) == 1) {
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

ProgressBar::~ProgressBar() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (shown_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::loop() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
    const double share = std::clamp(share_(), 0.0, 1.0);
    const int filled = static_cast<int>(share * 30);
    std::fprintf(stderr, "\r%s [%s%s] %3.0f %%", label_.c_str(), std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(30 - filled), '.').c_str(), share * 100);
    std::fflush(stderr);
    shown_ = true;
  }
}

}  // namespace paperflow::cli
