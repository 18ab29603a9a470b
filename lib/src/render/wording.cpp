#include "wording.h"

#include <libintl.h>

#include <cmath>

#include <fmt/args.h>

namespace paperflow {
namespace {

// "1234567.5" as "1.234.567,5": the German decimal comma and a point
// between thousands.
std::string german_digits(const std::string& english) {
  std::size_t start = english[0] == '-' ? 1 : 0;
  std::size_t point = english.find('.');
  const std::size_t integer_end = point == std::string::npos ? english.size() : point;
  std::string out = english.substr(0, start);
  for (std::size_t i = start; i < integer_end; ++i) {
    if (i > start && (integer_end - i) % 3 == 0) out += '.';
    out += english[i];
  }
  if (point != std::string::npos) out += ',' + english.substr(point + 1);
  return out;
}

// "-0.0" is zero to a reader.
double without_negative_zero(double value, int decimals) {
  const double unit = std::pow(10.0, -decimals) / 2;
  return std::fabs(value) < unit ? 0.0 : value;
}

}  // namespace

// An empty text stays empty: gettext would answer with the catalogue's header.
const char* Wording::tr(const char* msgid) const {
  return german() && *msgid ? dgettext(text_domain, msgid) : msgid;
}

const char* Wording::tr_plural(const char* singular, const char* plural, unsigned long n) const {
  if (german()) return dngettext(text_domain, singular, plural, n);
  return n == 1 ? singular : plural;
}

std::string Wording::number(double value, int decimals) const {
  const std::string english = fmt::format("{:.{}f}", without_negative_zero(value, decimals), decimals);
  if (!german() || !std::isfinite(value)) return english;
  return german_digits(english);
}

std::string Wording::short_number(double value, int max_decimals) const {
  std::string text = number(value, max_decimals);
  const char mark = german() ? ',' : '.';
  if (text.find(mark) == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == mark) text.pop_back();
  return text;
}

std::string Wording::money(double eur) const {
  const double rounded = std::round(eur);
  if (german()) return number(rounded, 0) + " €";
  // Thousands with a space a German reader and an English one both read: 139 000 EUR.
  const std::string digits = fmt::format("{:.0f}", std::fabs(rounded));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (rounded < 0 ? "-" : "") + out + " EUR";
}

std::string Wording::money_cents(double eur) const { return number(eur, 2) + (german() ? " €" : " EUR"); }

std::string Wording::duration(double hours, double hours_per_day) const {
  if (hours == 0) return "0";
  if (hours < 1.0 / 60.0) return short_number(hours * 3600.0, 1) + (german() ? " Sek." : " s");
  if (hours < 1.0) return short_number(hours * 60.0, 1) + (german() ? " Min." : " min");
  if (hours < hours_per_day) return short_number(hours, 1) + " h";
  const double days = hours / hours_per_day;
  if (!german()) return short_number(days, 1) + " d";
  return short_number(days, 1) + (short_number(days, 1) == "1" ? " Arbeitstag" : " Arbeitstage");
}

std::string Wording::working_days(double days) const {
  // A figure with a decimal is plural in both languages ("1.0 working days").
  return tr_format("{} working days", number(days, 1));
}

std::string Wording::years(double value) const {
  return tr_format("{} years", number(value, 1));
}

std::string Wording::figure(const CaseFigure& figure, const std::optional<double>& value) const {
  if (!value) return tr("unbounded");
  switch (figure.unit) {
    case FigureUnit::hours: return hours(*value);
    case FigureUnit::days: return number(*value, 1) + (german() ? " Arbeitstage" : " d");
    case FigureUnit::euros: return money_cents(*value);
    case FigureUnit::share: return percent(*value);
    case FigureUnit::count: return number(*value, 2);
  }
  return {};
}

std::string Wording::say(const Phrase& phrase) const {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const PhraseArgument& a : phrase.arguments) {
    switch (a.kind) {
      case PhraseArgument::Kind::text: store.push_back(a.text); break;
      case PhraseArgument::Kind::number:
        store.push_back(a.decimals < 0 ? short_number(a.number, -a.decimals) : number(a.number, a.decimals));
        break;
      case PhraseArgument::Kind::money: store.push_back(money(a.number)); break;
      case PhraseArgument::Kind::count: {
        if (!german()) {
          store.push_back(Phrase{"{}", {a}}.english());
          break;
        }
        if (a.number < 1e15 && a.number >= 1000) {
          store.push_back(number(a.number, 0));
          break;
        }
        std::string text = fmt::format("{:.3g}", a.number);
        if (german()) std::replace(text.begin(), text.end(), '.', ',');
        store.push_back(text);
        break;
      }
      case PhraseArgument::Kind::phrase: store.push_back(a.nested.empty() ? std::string() : say(a.nested[0])); break;
    }
  }
  try {
    return fmt::vformat(tr(phrase.pattern), store);
  } catch (const fmt::format_error&) {
    // A translation whose {} do not match its pattern (the catalogue test
    // guards against it): the English pattern still fits the arguments.
    return fmt::vformat(phrase.pattern, store);
  }
}

}  // namespace paperflow
