#include "wording.h"

#include <doctest/doctest.h>

#include "paperflow/figures.h"
#include "utf8.h"

using namespace paperflow;

namespace {

// The build tree's catalogue (po/CMakeLists.txt); once per process.
const Wording& german() {
  static const bool loaded = load_german_translations(PAPERFLOW_LOCALE_DIR);
  REQUIRE(loaded);
  static const Wording w(Language::de);
  return w;
}

const Wording english(Language::en);

}  // namespace

TEST_CASE("numbers: a decimal point in English, a comma and thousands points in German") {
  CHECK(english.number(1234.5, 1) == "1234.5");
  CHECK(german().number(1234.5, 1) == "1.234,5");
  CHECK(german().number(1234567.25, 2) == "1.234.567,25");
  CHECK(german().number(999, 0) == "999");
  CHECK(german().number(1000, 0) == "1.000");
  CHECK(german().number(-17333.4, 0) == "-17.333");
  CHECK(german().number(-0.04, 1) == "0,0");  // no "-0,0"
  CHECK(english.number(-0.04, 1) == "0.0");
  CHECK(german().short_number(2.0, 2) == "2");
  CHECK(german().short_number(1.50, 2) == "1,5");
  CHECK(english.short_number(7.8, 2) == "7.8");
}

TEST_CASE("money, shares, days and years in each language") {
  CHECK(english.money(139000) == "139 000 EUR");
  CHECK(german().money(139000) == "139.000 €");
  CHECK(german().money(-2500.4) == "-2.500 €");
  CHECK(english.money_cents(206.944) == "206.94 EUR");
  CHECK(german().money_cents(1249.57) == "1.249,57 €");
  CHECK(german().percent(0.375) == "37,5 %");
  CHECK(english.working_days(21.0) == "21.0 working days");
  CHECK(german().working_days(21.0) == "21,0 Arbeitstage");
  CHECK(german().years(0.4) == "0,4 Jahre");
  CHECK(english.years(0.4) == "0.4 years");
}

TEST_CASE("durations in the unit that fits, with a German singular working day") {
  CHECK(english.duration(0.8617, 8) == "51.7 min");
  CHECK(german().duration(0.8617, 8) == "51,7 Min.");
  CHECK(german().duration(6, 8) == "6 h");
  CHECK(german().duration(8, 8) == "1 Arbeitstag");
  CHECK(german().duration(12, 8) == "1,5 Arbeitstage");
  CHECK(english.duration(12, 8) == "1.5 d");
  CHECK(german().duration(0, 8) == "0");
}

TEST_CASE("singular and plural by the count, in both languages") {
  CHECK(english.tr_plural_format("{} measure", "{} measures", 1, 1) == "1 measure");
  CHECK(english.tr_plural_format("{} measure", "{} measures", 2, 2) == "2 measures");
  CHECK(german().tr_plural_format("{} measure", "{} measures", 1, 1) == "1 Maßnahme");
  CHECK(german().tr_plural_format("{} measure", "{} measures", 5, 5) == "5 Maßnahmen");
  CHECK(german().tr_plural_format("{} wave", "{} waves", 1, 1) == "1 Welle");
  CHECK(german().tr_plural_format("{} wave", "{} waves", 0, 0) == "0 Wellen");
}

TEST_CASE("a figure's label and a library phrase come out in the report's language") {
  const CaseFigure* breaks = find_case_figure("media_breaks_per_case");
  REQUIRE(breaks != nullptr);
  CHECK(std::string(english.label(*breaks)) == "Media breaks");
  CHECK(std::string(german().label(*breaks)) == "Medienbrüche");
  CHECK(german().figure(*breaks, 3.754) == "3,75");
  CHECK(german().figure(*breaks, std::nullopt) == "unbegrenzt");

  const Phrase budget{pf_phrase("outside the budget of {}"), {money_argument(40000)}};
  CHECK(budget.english() == "outside the budget of 40000 EUR");  // the JSON's words
  CHECK(english.say(budget) == "outside the budget of 40 000 EUR");
  CHECK(german().say(budget) == "außerhalb des Budgets von 40.000 €");
}

TEST_CASE("a value quoted in a phrase is cut at max_quoted_bytes, at a character boundary") {
  const std::string huge(1 << 20, 'k');
  const std::string said = phrase_of("unknown key '{}'", huge).english();
  CHECK(said.size() == std::string("unknown key ''").size() + max_quoted_bytes + std::string("\u2026").size());
  CHECK(said.find("kkk\u2026'") != std::string::npos);
  // "ä" is two bytes: a cut that would split one keeps it whole or drops it.
  std::string umlauts;
  while (umlauts.size() < 2 * max_quoted_bytes) umlauts += "x\u00e4";
  const std::string cut = text_argument(umlauts).text;
  CHECK(cut.size() <= max_quoted_bytes + 3);
  CHECK(cut.substr(cut.size() - 3) == "\u2026");
  CHECK(utf8::replace_invalid(cut) == cut);
  CHECK(text_argument("short").text == "short");
  // Text quoted from outside can neither start a line nor steer a terminal.
  CHECK(text_argument("Akte\nscannen\x1b[2J").text == "Akte\\nscannen\\x1B[2J");
  CHECK(phrase_of("the activity '{}'", "a\rb").english() == "the activity 'a\\rb'");
}
