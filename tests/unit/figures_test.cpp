#include "paperflow/figures.h"

#include <algorithm>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "paperflow/report_analysis.h"
#include "test_support.h"

using namespace paperflow;

namespace {

const std::string model = test::header() +
                          "steps:\n"
                          "  - {id: a, name: A, unit: applicant, medium: paper, activity: fill_in, work: 30min, next: b}\n"
                          "  - {id: b, name: B, unit: office, medium: digital, activity: transcribe, channel: in_person, "
                          "signature: wet, work: 10min, next: z}\n"
                          "  - {id: z, name: Z, end: true}\n";

}  // namespace

TEST_CASE("every per-case figure has a unique key, a label and a value read off the analysis") {
  std::set<std::string_view> keys;
  for (const CaseFigure& f : case_figures()) {
    CAPTURE(f.key);
    CHECK(keys.insert(f.key).second);
    CHECK_FALSE(std::string_view(f.label).empty());
    const bool has_value = f.value != nullptr;
    CHECK(has_value);
    CHECK(find_case_figure(f.key) == &f);
  }
  CHECK(find_case_figure("no_such_figure") == nullptr);
}

TEST_CASE("the table's values are the analysis' own fields") {
  const Analysis a = test::analyse_yaml(model);
  auto value = [&](std::string_view key) { return find_case_figure(key)->value(a); };
  CHECK((value("lead_time_hours") == a.lead_time_hours));
  CHECK((value("lead_time_days") == a.lead_time_days));
  CHECK(*value("touch_time_hours") == a.touch_time_hours);
  CHECK((value("flow_efficiency") == a.flow_efficiency));
  CHECK(*value("staff_cost_per_case") == a.staff_cost_per_case);
  CHECK(*value("applicant_hours_per_case") == a.applicant_hours_per_case);
  CHECK(*value("media_breaks_per_case") == a.media_breaks_per_case);
  CHECK(*value("handoffs_per_case") == a.handoffs_per_case);
  CHECK(*value("in_person_visits_per_case") == a.in_person_visits_per_case);
  CHECK(*value("wet_signatures_per_case") == a.wet_signatures_per_case);
  CHECK(a.in_person_visits_per_case == 1);
  CHECK(a.wet_signatures_per_case == 1);
}

TEST_CASE("the removable figures are the counts with a removed key, in the table's order, visits among them") {
  std::vector<std::string_view> expected;
  for (const CaseFigure& f : case_figures())
    if (!f.removed_key.empty()) expected.push_back(f.key);
  std::vector<std::string_view> got;
  for (const CaseFigure* f : removable_figures()) {
    got.push_back(f->key);
    CHECK(f->unit == FigureUnit::count);
    CHECK_FALSE(std::string_view(f->noun).empty());
  }
  CHECK(got == expected);
  CHECK(std::find(got.begin(), got.end(), "in_person_visits_per_case") != got.end());
}

TEST_CASE("the analysis JSON carries every figure of the table under its key") {
  ValidationResult v = test::valid(model);
  const Analysis a = test::analyse_yaml(model);
  const auto json = nlohmann::json::parse(render_analysis_json(*v.process, a));
  for (const CaseFigure& f : case_figures()) {
    CAPTURE(f.key);
    REQUIRE(json.contains(std::string(f.key)));
    const auto v_expected = f.value(a);
    if (v_expected) CHECK(json[std::string(f.key)].get<double>() == doctest::Approx(*v_expected));
    else CHECK(json[std::string(f.key)].is_null());
  }
}
