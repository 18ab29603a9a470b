#include "paperflow/phrase.h"

#include "paperflow/diagnostic.h"

#include <cmath>

#include <fmt/args.h>
#include <fmt/format.h>

namespace paperflow {

PhraseArgument text_argument(std::string_view raw) {
  PhraseArgument a;
  // Quoted from outside (a key, a log's activity): a control character
  // must not steer the terminal or start a line of its own.
  const std::string escaped = escape_control_characters(raw);
  const std::string_view text = escaped;
  if (text.size() <= max_quoted_bytes) {
    a.text = text;
    return a;
  }
  std::size_t cut = max_quoted_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  a.text = std::string(text.substr(0, cut)) + "…";
  return a;
}

PhraseArgument number_argument(double value, int decimals) {
  PhraseArgument a;
  a.kind = PhraseArgument::Kind::number;
  a.number = value;
  a.decimals = decimals;
  return a;
}

PhraseArgument money_argument(double eur) {
  PhraseArgument a;
  a.kind = PhraseArgument::Kind::money;
  a.number = eur;
  return a;
}

PhraseArgument count_argument(double count) {
  PhraseArgument a;
  a.kind = PhraseArgument::Kind::count;
  a.number = count;
  return a;
}

PhraseArgument phrase_argument(Phrase phrase) {
  PhraseArgument a;
  a.kind = PhraseArgument::Kind::phrase;
  a.nested.push_back(std::move(phrase));
  return a;
}

std::string Phrase::english() const {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const PhraseArgument& a : arguments) {
    switch (a.kind) {
      case PhraseArgument::Kind::text: store.push_back(a.text); break;
      case PhraseArgument::Kind::number:
        store.push_back(a.decimals < 0 ? fmt::format("{:g}", a.number) : fmt::format("{:.{}f}", a.number, a.decimals));
        break;
      case PhraseArgument::Kind::money: store.push_back(fmt::format("{:.0f} EUR", a.number)); break;
      case PhraseArgument::Kind::count: {
        if (!(a.number < 1e15) || a.number < 1000) {
          store.push_back(fmt::format("{:.3g}", a.number));
          break;
        }
        const std::string digits = fmt::format("{:.0f}", a.number);
        std::string text;
        for (std::size_t i = 0; i < digits.size(); ++i) {
          if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
          text += digits[i];
        }
        store.push_back(text);
        break;
      }
      case PhraseArgument::Kind::phrase: store.push_back(a.nested.empty() ? std::string() : a.nested[0].english()); break;
    }
  }
  return fmt::vformat(pattern, store);
}

}  // namespace paperflow
