// Text for XML and HTML: the JUnit report, the SVG charts and the HTML
// report escape names with it, so that no name can break the markup.
#pragma once

#include <string>
#include <string_view>

namespace paperflow {

/// `text` escaped for XML and HTML text and attributes: & < > " ', and
/// control characters (not allowed in XML 1.0) but tab and newline as spaces.
std::string xml_escape(std::string_view text);

}  // namespace paperflow
