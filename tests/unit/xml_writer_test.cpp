#include "xml_writer.h"

#include <doctest/doctest.h>

#include "xml_tree.h"

using namespace paperflow;

TEST_CASE("the XML writer's output parses, namespaces resolved, and every text comes back as written") {
  const std::string hostile = "a < b & c > d \"quoted\" 'single' ä ß € 😀\ttab\nline";
  XmlWriter xml;
  xml.open("x:root", {{"xmlns:x", "urn:example:x"}, {"name", hostile}});
  xml.text("x:text", hostile);
  xml.empty("x:empty", {{"x:attr", "&"}});
  xml.open("plain");
  xml.text("x:deep", "]]> <!-- -->");
  const std::string text = xml.finish();
  const test::XmlParse parsed = test::parse_xml(text);
  INFO(parsed.error);
  INFO(text);
  REQUIRE(parsed.root);
  CHECK(parsed.root->name == "urn:example:x root");
  CHECK(parsed.root->attribute("name") == hostile);
  REQUIRE(parsed.root->children.size() == 3);
  CHECK(parsed.root->children[0]->text == hostile);
  CHECK(parsed.root->children[1]->attribute("urn:example:x attr") == "&");
  CHECK(parsed.root->children[2]->name == "plain");
  CHECK(parsed.root->children[2]->children[0]->text == "]]> <!-- -->");
}

TEST_CASE("the XML writer closes what is open, innermost first, and a control character cannot break it") {
  XmlWriter xml;
  xml.open("a");
  xml.open("b");
  xml.text("c", std::string("bell\x07 and nul") + '\0' + "end");
  const std::string text = xml.finish();
  CHECK(text.ends_with("    <c>bell  and nul end</c>\n  </b>\n</a>\n"));
  CHECK(test::parse_xml(text).root);
}
