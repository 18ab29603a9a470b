// The JSON Schema and the loader must not drift apart: every mapping of the
// schema allows exactly the keys the loader allows.
#include <fstream>
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "paperflow/loader.h"

using namespace paperflow;

TEST_CASE("the schema's keys are the loader's keys, in every kind of mapping") {
  std::ifstream in(PAPERFLOW_SCHEMA);
  REQUIRE(in);
  const auto schema = nlohmann::json::parse(in);
  const std::pair<const char*, const char*> contexts[] = {
      {"process", "process"}, {"calendar", "calendar"}, {"demand", "demand"}, {"defaults", "defaults"},
      {"unit", "unit"},       {"document", "document"}, {"step", "step"},     {"choice", "choice"},
      {"measure", "measure"}, {"cost", "cost"},         {"change", "change"}, {"where", "where"},
      {"set", "set"},         {"distribution", "distribution"}};
  for (auto [context, definition] : contexts) {
    CAPTURE(context);
    std::set<std::string> in_schema, in_loader;
    for (auto& [key, _] : schema["definitions"][definition]["properties"].items()) in_schema.insert(key);
    for (std::string_view key : allowed_keys(context)) in_loader.emplace(key);
    CHECK(in_schema == in_loader);
    CHECK(schema["definitions"][definition]["additionalProperties"] == false);
  }
  std::set<std::string> top_schema, top_loader;
  for (auto& [key, _] : schema["properties"].items()) top_schema.insert(key);
  for (std::string_view key : allowed_keys("top")) top_loader.emplace(key);
  CHECK(top_schema == top_loader);
}
