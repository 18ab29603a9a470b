#include "paperflow/source_file.h"

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "paperflow/rules.h"

using namespace paperflow;

TEST_CASE("read_file returns a file's bytes, NUL and all") {
  const auto path = std::filesystem::temp_directory_path() / "paperflow-source-file-test.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string("a\0b\n", 4);
  }
  Diagnostic problem;
  auto text = read_file(path.string(), problem);
  REQUIRE(text);
  CHECK(*text == std::string("a\0b\n", 4));
  CHECK(problem.rule.empty());
  std::filesystem::remove(path);
}

TEST_CASE("a file that cannot be read is a diagnostic of the rule table, at the file, with the system's reason") {
  for (const char* path : {"/nonexistent/paperflow.yaml", "/"}) {
    CAPTURE(path);
    Diagnostic problem;
    CHECK_FALSE(read_file(path, problem));
    CHECK(problem.rule == "unreadable-file");
    CHECK(find_rule(problem.rule) != nullptr);
    CHECK(problem.location.file_name() == path);
    CHECK(problem.location.line == 0);
    CHECK_FALSE(problem.message.english().empty());
  }
  Diagnostic missing, directory;
  read_file("/nonexistent/paperflow.yaml", missing);
  read_file("/", directory);
  CHECK(missing.message.english() == "No such file or directory");
  CHECK(directory.message.english() == "Is a directory");
}

TEST_CASE("read_file stops a little past its bound, so an endless device cannot hang the parser") {
  Diagnostic problem;
  auto text = read_file("/dev/zero", problem, 1000);
  REQUIRE(text);
  CHECK(text->size() > 1000);
  CHECK(text->size() <= 1000 + 65536);
}

TEST_CASE("a FIFO nobody writes to is unreadable at once, not waited for") {
  const auto path = std::filesystem::temp_directory_path() / "paperflow-source-file-test.fifo";
  std::filesystem::remove(path);
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  Diagnostic problem;
  CHECK_FALSE(read_file(path.string(), problem));
  CHECK(problem.rule == "unreadable-file");
  CHECK(problem.message.english() == "a FIFO with no writer: nothing to read");
  // What a writer wrote before it went is read: the data stays in the FIFO
  // while another reader holds it open.
  const int writer = ::open(path.c_str(), O_RDWR);  // both ends at once: no wait
  REQUIRE(writer >= 0);
  REQUIRE(::write(writer, "paperflow: 1\n", 13) == 13);
  const int holder = ::open(path.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(holder >= 0);
  ::close(writer);
  Diagnostic none;
  const std::optional<std::string> text = read_file(path.string(), none);
  ::close(holder);
  REQUIRE(text);
  CHECK(*text == "paperflow: 1\n");
  std::filesystem::remove(path);
}
