#include "paperflow/language.h"

#include <doctest/doctest.h>

using namespace paperflow;

TEST_CASE("--lang takes de and en, nothing else") {
  CHECK(parse_language("de") == Language::de);
  CHECK(parse_language("en") == Language::en);
  CHECK_FALSE(parse_language("DE").has_value());
  CHECK_FALSE(parse_language("de_DE").has_value());
  CHECK_FALSE(parse_language("").has_value());
}

TEST_CASE("the locale's language: LC_ALL, then LC_MESSAGES, then LANG, and a value starting with de is German") {
  CHECK(language_from_locale(nullptr, nullptr, nullptr) == Language::en);
  CHECK(language_from_locale(nullptr, nullptr, "de_DE.UTF-8") == Language::de);
  CHECK(language_from_locale(nullptr, nullptr, "de") == Language::de);
  CHECK(language_from_locale(nullptr, nullptr, "C.UTF-8") == Language::en);
  CHECK(language_from_locale("C", nullptr, "de_DE.UTF-8") == Language::en);
  CHECK(language_from_locale("", nullptr, "de_DE.UTF-8") == Language::de);
  CHECK(language_from_locale(nullptr, "de_AT.UTF-8", "en_US.UTF-8") == Language::de);
  CHECK(language_from_locale("en_GB.UTF-8", "de_AT.UTF-8", "de_DE.UTF-8") == Language::en);
  CHECK(language_from_locale(nullptr, nullptr, "da_DK.UTF-8") == Language::en);
}
