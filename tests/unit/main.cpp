// doctest's main, with one refusal added: a run that proves nothing fails.
// doctest reports success when its --test-case filter selects no test case
// (ctest runs each case by name, and a name that ctest split or doctest read
// as a wildcard or a list selects nothing), and a test case without an
// assertion passes whatever the code does. Listing and counting (--count,
// --list-test-cases, --no-run) run no test case and are left alone.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

struct RunRecord {
  bool ran = false;
  unsigned test_cases_run = 0;
  std::vector<std::string> without_assertions;
};

RunRecord record;

// A listener sees every test case as it ends, whichever reporter prints.
class ProofListener : public doctest::IReporter {
 public:
  explicit ProofListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override { record.ran = true; }
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData& test_case) override { name_ = test_case.m_name; }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats& stats) override {
    ++record.test_cases_run;
    if (stats.numAssertsCurrentTest == 0) {
      record.without_assertions.push_back(name_);
    }
  }
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}

 private:
  std::string name_;
};

REGISTER_LISTENER("proof", 1, ProofListener);

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int status = context.run();
  if (!record.ran) {
    return status;
  }
  if (record.test_cases_run == 0) {
    std::cerr << "paperflow-unit-tests: no test case ran: the filters select none. A ctest entry "
                 "named after a test case whose name holds ';', '*', '?', '[', ']' or '\\' runs "
                 "nothing; rename the test case.\n";
    status = 1;
  }
  for (const std::string& name : record.without_assertions) {
    std::cerr << "paperflow-unit-tests: test case \"" << name
              << "\" made no assertion, so it passes whatever the code does.\n";
    status = 1;
  }
  return status;
}
