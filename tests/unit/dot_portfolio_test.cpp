// The organisation's overview diagram (paperflow/dot_portfolio.h): how a
// load share is written, and that no name breaks the HTML-like label.
#include "paperflow/dot_portfolio.h"

#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "test_support.h"

namespace paperflow {
namespace {

TEST_CASE("overview: a load share is whole percent, but never rounds a process away or to the whole") {
  CHECK(overview_share_label(0.38) == "38 %");
  CHECK(overview_share_label(1.0) == "100 %");
  CHECK(overview_share_label(0.0) == "0 %");
  CHECK(overview_share_label(0.004) == "< 1 %");
  CHECK(overview_share_label(0.006) == "1 %");
  CHECK(overview_share_label(0.996) == "> 99 %");
  CHECK(overview_share_label(0.994) == "99 %");
}

TEST_CASE("overview: names with HTML, quotes and brackets are escaped, and a process without shared work has an empty row") {
  const auto directory = std::filesystem::temp_directory_path() / "paperflow-dot-portfolio-test";
  std::filesystem::create_directories(directory);
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream(directory / name) << text;
  };
  write("a.yaml", R"(paperflow: 1
process: {id: a, name: "A <b>fett</b> & \"Zitat\" [x]"}
demand: {cases_per_year: 1000}
units:
  - {id: post, name: Post, staff: 1, cost_per_hour: 50}
steps:
  - {id: s, name: Eingang, unit: post, medium: paper, work: 6min, next: e}
  - {id: e, name: Ende, end: true}
)");
  write("b.yaml", R"(paperflow: 1
process: {id: b, name: Allein}
demand: {cases_per_year: 500}
units:
  - {id: eigen, name: Eigene Stelle, staff: 1, cost_per_hour: 50}
steps:
  - {id: s, name: Prüfen, unit: eigen, medium: paper, work: 30min, next: e}
  - {id: e, name: Ende, end: true}
)");
  const std::string organisation = R"(paperflow: 1
organisation: {id: o, name: "Amt <&> 'eins'"}
units:
  - {id: post, name: "Post & <Registratur>", staff: 1, cost_per_hour: 50}
processes: [a.yaml, b.yaml]
)";
  write("organisation.yaml", organisation);
  PortfolioValidation validation = validate_portfolio(organisation, (directory / "organisation.yaml").string());
  std::filesystem::remove_all(directory);
  REQUIRE(validation.portfolio);
  const std::string dot = render_portfolio_dot(*validation.portfolio, analyse_portfolio(*validation.portfolio));
  CHECK(dot.find("<b>fett") == std::string::npos);
  CHECK(dot.find("A &lt;b&gt;fett&lt;/b&gt; &amp; &quot;Zitat&quot; &#91;x&#93;") != std::string::npos);
  // A unit's name wraps at about 16 characters, each line escaped.
  CHECK(dot.find("Post &amp;<BR/>&lt;Registratur&gt;") != std::string::npos);
  CHECK(dot.find("Amt &lt;&amp;&gt; &#39;eins&#39;") != std::string::npos);
  CHECK(dot.find("ID=\"share:a:post\" BGCOLOR=\"#4292c6\">100 %</TD>") != std::string::npos);
  // b sends the post room nothing: its row has an empty cell and no share.
  CHECK(dot.find("share:b:post") == std::string::npos);
  // b's own unit is the busiest: the bottleneck is named in its row.
  CHECK(dot.find("Engpass: Eigene Stelle") != std::string::npos);
}

}  // namespace
}  // namespace paperflow
