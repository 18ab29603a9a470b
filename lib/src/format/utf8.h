// UTF-8 checks shared by the YAML reader, which refuses a file that is not
// UTF-8, and the validation reports, which must not pass its bytes on: a
// report that is not UTF-8 breaks the terminal, CI logs and XML readers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace paperflow::utf8 {

/// The length in bytes of the well-formed UTF-8 sequence that starts at
/// `text[at]` (1 to 4; a NUL byte is one), or 0 when the bytes there are not
/// one: a stray continuation byte, a truncated or overlong sequence, a
/// surrogate or a code point above U+10FFFF.
std::size_t sequence_length(std::string_view text, std::size_t at);

/// The German letter (ä ö ü Ä Ö Ü ß) that starts at `text[at]` as German
/// spells it where it has no umlauts ("ae", "Oe", "ss"), for ids made of
/// names; empty for any other character. It is 2 bytes long in `text`.
std::string_view german_spelt_out(std::string_view text, std::size_t at);

/// The code point of the character at `text[at]` when it is one beyond
/// ASCII that a YAML reader refuses in its text or takes for a line break:
/// a C1 control (U+0080 to U+009F; U+0085 is a line break), the line and
/// paragraph separators U+2028 and U+2029, the byte order mark U+FEFF, the
/// non-characters U+FFFE and U+FFFF; else 0. Its length in bytes goes to
/// `length`. Writers escape these, so that what they write reads back.
char32_t yaml_special_at(std::string_view text, std::size_t at, std::size_t& length);

/// `text` with every byte that is not part of a well-formed sequence
/// replaced by U+FFFD; valid text comes back unchanged.
std::string replace_invalid(std::string_view text);

}  // namespace paperflow::utf8
