// How a report says things in its language: translated messages (through
// gettext for German), numbers with the reader's decimal mark, durations,
// money and shares. Every text a person reads goes through one of these, so
// that xgettext finds it (keywords tr, tr_plural, tr_format,
// tr_plural_format; see po/CMakeLists.txt) and a German report has no
// English left in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "paperflow/figures.h"
#include "paperflow/language.h"
#include "paperflow/phrase.h"

namespace paperflow {

class Wording {
 public:
  explicit Wording(Language language) : language_(language) {}

  Language language() const { return language_; }
  bool german() const { return language_ == Language::de; }

  /// The message in the report's language.
  const char* tr(const char* msgid) const;
  /// Singular or plural by `n` (an integral count), translated.
  const char* tr_plural(const char* singular, const char* plural, unsigned long n) const;

  /// The translated pattern with its {} filled in; numbers among `args`
  /// are formatted by the caller with number() and friends.
  template <class... Args>
  std::string tr_format(const char* msgid, const Args&... args) const {
    return fmt::format(fmt::runtime(tr(msgid)), args...);
  }
  template <class... Args>
  std::string tr_plural_format(const char* singular, const char* plural, unsigned long n, const Args&... args) const {
    return fmt::format(fmt::runtime(tr_plural(singular, plural, n)), args...);
  }

  /// `value` with `decimals` decimals: "1234.5" in English (as the reports
  /// always wrote it), "1.234,5" in German.
  std::string number(double value, int decimals) const;
  /// Like number(), without trailing zeros of the decimals ("2", "1,5").
  std::string short_number(double value, int max_decimals) const;
  std::string hours(double value) const { return number(value, 1) + " h"; }
  /// A share in [0, 1] as "37.5 %" / "37,5 %".
  std::string percent(double share, int decimals = 1) const { return number(share * 100, decimals) + " %"; }
  /// Whole euros with thin grouping: "139 000 EUR" / "139.000 €".
  std::string money(double eur) const;
  /// Cents: "206.94 EUR" / "206,94 €".
  std::string money_cents(double eur) const;
  /// A duration in the unit that fits, as format_duration: "51.7 min",
  /// "6 h", "1.5 d" / "51,7 Min.", "6 h", "1,5 Arbeitstage" (days of the
  /// process's calendar).
  std::string duration(double hours, double hours_per_day) const;
  /// Working days with one decimal, for a table cell: "1.5 d" / "1,5 Arbeitstage".
  std::string days(double value) const { return number(value, 1) + (german() ? " Arbeitstage" : " d"); }
  /// Working days: "21.0 working days" / "21,0 Arbeitstage".
  std::string working_days(double days) const;
  /// Years with one decimal: "0.4 years" / "0,4 Jahre".
  std::string years(double value) const;

  /// A per-case figure by its unit: "12.5 h", "3.1 d", "41.20 EUR",
  /// "37.5 %", "0.54"; "unbounded" when it has no value.
  std::string figure(const CaseFigure& figure, const std::optional<double>& value) const;
  /// The figure's row label, translated.
  const char* label(const CaseFigure& figure) const { return tr(figure.label); }

  /// A phrase of the library (a plan's reason, a diagnostic) in this language.
  std::string say(const Phrase& phrase) const;

 private:
  Language language_;
};

}  // namespace paperflow
