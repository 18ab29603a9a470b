// The language of what people read. Text, Markdown and HTML reports speak
// German or English; JSON and the other machine formats never change with
// it. German texts come from a GNU gettext catalogue (po/de.po), so that a
// translator works in the file format translators know.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace paperflow {

enum class Language { en, de };

/// "de" or "en"; nothing for any other name.
std::optional<Language> parse_language(std::string_view name);

/// The language of the locale, as command-line tools choose it: the first
/// of LC_ALL, LC_MESSAGES and LANG that is set and not empty decides; a
/// value starting with "de" is German, anything else (and none) English.
Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang);

/// The gettext domain of paperflow's catalogue: LOCALE_DIR/de/LC_MESSAGES/paperflow.mo.
inline constexpr char text_domain[] = "paperflow";

/// Makes German texts available to this process from the catalogue in
/// `locale_dir`. gettext's state is the process's, so this is a set-up step
/// of a program, not of a report: it binds the domain, and selects German
/// messages through LC_MESSAGES=C.UTF-8 and LANGUAGE=de, which needs no
/// German locale installed on the machine. False when the catalogue is not
/// there or cannot be selected; the tools then refuse --lang de rather
/// than quietly write English.
bool load_german_translations(const std::string& locale_dir);

}  // namespace paperflow
