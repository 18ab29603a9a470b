// Text for XML and HTML: the JUnit report, the SVG charts and the HTML
// report escape names with it, so that no name can break the markup.
#pragma once

#include <string>
#include <string_view>

namespace paperflow {

/// `text` escaped for XML and HTML text and attributes: & < > " ', and
/// control characters (not allowed in XML 1.0) but tab and newline as spaces.
std::string xml_escape(std::string_view text);

/// `text` for an XML attribute: as xml_escape, but tab, newline and carriage
/// return as character references (&#9; &#10; &#13;), which a parser keeps,
/// where it would turn the raw characters into spaces.
std::string xml_attribute_escape(std::string_view text);

}  // namespace paperflow
