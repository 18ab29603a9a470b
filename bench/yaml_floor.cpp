// The parser floor of the validation benchmark: load every file with
// yaml-cpp into a YAML::Node and nothing else, on a fixed number of threads
// (2 by default) that take files from a shared atomic index. Whatever
// paperflow-validate does on top of parsing is measured against this.
//
//   paperflow-bench-yaml-floor [-j THREADS] FILE|DIR...
//
// A directory means every *.yaml / *.yml below it, in sorted order. Prints
// the number of files, a count of top-level and step nodes (so that the
// compiler cannot drop the work) and the elapsed seconds on standard output.
// Exit status 0, 1 if a file does not parse, 2 on a usage error or an
// unreadable file.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_yaml(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

int usage() {
  std::fputs("usage: paperflow-bench-yaml-floor [-j THREADS] FILE|DIR...\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned threads = 2;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    }
    if (arg == "-j" || arg == "--threads") {
      if (++i == argc) return usage();
      const int n = std::atoi(argv[i]);
      if (n < 1) return usage();
      threads = static_cast<unsigned>(n);
      continue;
    }
    std::error_code ec;
    const fs::path path(arg);
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && is_yaml(it->path())) found.push_back(it->path().string());
      }
      if (ec) {
        std::fprintf(stderr, "%s: %s\n", argv[i], ec.message().c_str());
        return 2;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.emplace_back(arg);
    } else {
      std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) return usage();

  std::atomic<std::size_t> next{0};
  std::atomic<unsigned long long> nodes{0};
  std::atomic<int> status{0};
  std::mutex err_mutex;

  const auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    unsigned long long local = 0;
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < files.size();) {
      try {
        const YAML::Node doc = YAML::LoadFile(files[i]);
        // Touch the document minimally: its top-level entries and its steps.
        local += doc.size();
        if (doc.IsMap()) {
          if (const YAML::Node steps = doc["steps"]) local += steps.size();
        }
      } catch (const YAML::BadFile&) {
        const std::lock_guard lock(err_mutex);
        std::fprintf(stderr, "%s: cannot read\n", files[i].c_str());
        status = 2;
      } catch (const YAML::Exception& e) {
        const std::lock_guard lock(err_mutex);
        std::fprintf(stderr, "%s:%d:%d: %s\n", files[i].c_str(), e.mark.line + 1,
                     e.mark.column + 1, e.msg.c_str());
        int expected = 0;
        status.compare_exchange_strong(expected, 1);
      } catch (const std::exception& e) {
        const std::lock_guard lock(err_mutex);
        std::fprintf(stderr, "%s: %s\n", files[i].c_str(), e.what());
        status = 2;
      }
    }
    nodes += local;
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  std::printf("files %zu nodes %llu threads %u seconds %.3f\n", files.size(), nodes.load(), threads,
              elapsed.count());
  return status;
}
