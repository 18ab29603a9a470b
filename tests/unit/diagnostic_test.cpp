#include "paperflow/diagnostic.h"

#include <doctest/doctest.h>

using namespace paperflow;

TEST_CASE("escape_control_characters: a file name cannot start a line or steer a terminal") {
  CHECK(escape_control_characters("a\nb.yaml:1:1: error: forged") == "a\\nb.yaml:1:1: error: forged");
  CHECK(escape_control_characters("tab\there\rcr") == "tab\\there\\rcr");
  CHECK(escape_control_characters(std::string_view("nul\0esc\x1b[2J del\x7f", 16)) == "nul\\x00esc\\x1B[2J del\\x7F");
  // C1 controls in UTF-8: U+0085 (next line) and U+009B (CSI).
  CHECK(escape_control_characters("nel\xC2\x85 csi\xC2\x9B") == "nel\\u0085 csi\\u009B");
}

TEST_CASE("escape_control_characters leaves every other byte as it is") {
  CHECK(escape_control_characters("Prüfung – Straße/a b\\c.yaml") == "Prüfung – Straße/a b\\c.yaml");
  CHECK(escape_control_characters("\xC2\xA0nbsp") == "\xC2\xA0nbsp");
  CHECK(escape_control_characters("gr\xFC\xDF.yaml") == "gr\xFC\xDF.yaml");  // Latin-1: no control characters
  CHECK(escape_control_characters("") == "");
}
