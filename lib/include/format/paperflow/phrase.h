// A sentence of the library that a person reads, kept as its pattern and
// its arguments rather than as finished English, so that a report can say
// it in German with German numbers. The JSON keeps english(): machine
// formats never change with the language.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperflow {

struct Phrase;

/// One {} of a pattern: text taken as it is (an id, a name), a number with
/// its decimals (a negative count: at most that many, trailing zeros
/// dropped, "5" or "2.5"), money in whole euros, or a nested phrase.
struct PhraseArgument {
  enum class Kind { text, number, money, count, phrase };
  Kind kind = Kind::text;
  std::string text;
  double number = 0;
  int decimals = 0;
  std::vector<Phrase> nested;  // one element for Kind::phrase
};

struct Phrase {
  /// An English pattern with {} for each argument, marked for translation
  /// where it is written (pf_phrase("...")); the catalogue translates it.
  const char* pattern = "";
  std::vector<PhraseArgument> arguments;

  /// The pattern filled in in English: numbers with a point, money as
  /// "17333 EUR", as the JSON and the English reports write them.
  std::string english() const;
  /// No phrase: the pattern is empty (a default-made Phrase).
  bool empty() const { return *pattern == '\0'; }
};

/// Text longer than max_quoted_bytes is cut there (at a character
/// boundary) and ends in "…": a megabyte key in a file must not make a
/// megabyte message, nor thousands of them. text_argument escapes control
/// characters first (escape_control_characters), so that text quoted from
/// outside can neither steer a terminal nor forge a line.
inline constexpr std::size_t max_quoted_bytes = 200;
PhraseArgument text_argument(std::string_view text);
PhraseArgument number_argument(double value, int decimals);
PhraseArgument money_argument(double eur);
/// A count a person reads at a glance, of any size: "12,345,678" /
/// "12.345.678", and three significant digits below 1,000 and from 10^15
/// on ("1.71", "1.23e+20").
PhraseArgument count_argument(double count);
PhraseArgument phrase_argument(Phrase phrase);

inline PhraseArgument phrase_argument_of(PhraseArgument argument) { return argument; }
inline PhraseArgument phrase_argument_of(Phrase phrase) { return phrase_argument(std::move(phrase)); }
inline PhraseArgument phrase_argument_of(std::string_view text) { return text_argument(text); }
inline PhraseArgument phrase_argument_of(const char* text) { return text_argument(text); }

/// A phrase from its pattern (marked for xgettext by the keyword
/// phrase_of) and its arguments: text is taken as it is (an id, a key, a
/// value from the file), a Phrase nests, a PhraseArgument is kept. Numbers
/// have no overload on purpose: say number_argument() or std::to_string().
template <class... Args>
Phrase phrase_of(const char* pattern, Args&&... args) {
  Phrase phrase{pattern, {}};
  phrase.arguments.reserve(sizeof...(args));
  (phrase.arguments.push_back(phrase_argument_of(std::forward<Args>(args))), ...);
  return phrase;
}

/// Text that is not ours to translate (a message of the C library or of
/// libyaml), as a phrase.
inline Phrase verbatim(std::string_view text) { return Phrase{"{}", {text_argument(text)}}; }

/// Marks a phrase pattern for xgettext (keyword pf_phrase) without
/// translating it here: the render layer translates.
constexpr const char* pf_phrase(const char* pattern) { return pattern; }

}  // namespace paperflow
