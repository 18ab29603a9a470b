// How the plan's reports word a payback: one decimal, and never "0.0 years".
#include "plan_wording.h"

#include <doctest/doctest.h>

using namespace paperflow;

TEST_CASE("the whole plan's payback: one decimal, less than 0.1 years where that would read 0.0") {
  const Wording english(Language::en);
  CHECK(plan_text::whole_plan_payback(0.44, nullptr, english) == "The whole plan pays back in 0.4 years.");
  CHECK(plan_text::whole_plan_payback(0.05, nullptr, english) == "The whole plan pays back in 0.1 years.");
  CHECK(plan_text::whole_plan_payback(0.02, nullptr, english) == "The whole plan pays back in less than 0.1 years.");
  REQUIRE(load_german_translations(PAPERFLOW_LOCALE_DIR));
  const Wording german(Language::de);
  CHECK(plan_text::whole_plan_payback(0.02, nullptr, german) ==
        "Der ganze Plan amortisiert sich in weniger als 0,1 Jahren.");
  CHECK(plan_text::whole_plan_payback(1.75, nullptr, german) == "Der ganze Plan amortisiert sich in 1,8 Jahren.");
}
