#include "paperflow/language.h"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace paperflow {
std::optional<Language> parse_language(std::string_view name) {
  if (name == "de") return Language::de;
  if (name == "en") return Language::en;
  return std::nullopt;
}

Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang) {
  for (const char* value : {lc_all, lc_messages, lang})
    if (value && *value) return std::strncmp(value, "de", 2) == 0 ? Language::de : Language::en;
  return Language::en;
}

bool load_german_translations(const std::string& locale_dir) {
  std::error_code ignored;
  if (!std::filesystem::exists(std::filesystem::path(locale_dir) / "de" / "LC_MESSAGES" / "paperflow.mo", ignored))
    return false;
  if (!bindtextdomain(text_domain, locale_dir.c_str())) return false;
  bind_textdomain_codeset(text_domain, "UTF-8");
  // gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is built into the C
  // library and is not "C". Only the messages category changes: numbers in
  // JSON and in strtod stay as they are.
  if (!std::setlocale(LC_MESSAGES, "C.UTF-8") && !std::setlocale(LC_MESSAGES, "C.utf8")) return false;
  setenv("LANGUAGE", "de", 1);
  // LANGUAGE reaches every message catalogue of the process, the C
  // library's too: the system's reasons in diagnostics ("No such file or
  // directory") stay English, as diagnostics do, when its catalogue is
  // looked for where there is none.
  bindtextdomain("libc", "/nonexistent");
  // The header entry of the catalogue ("" translates to it) proves it was found.
  return std::strstr(dgettext(text_domain, ""), "Language: de") != nullptr;
}


}  // namespace paperflow
