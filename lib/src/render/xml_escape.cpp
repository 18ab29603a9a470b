#include "xml_escape.h"

namespace paperflow {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string xml_attribute_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* reference = text[i] == '\t' ? "&#9;" : text[i] == '\n' ? "&#10;" : text[i] == '\r' ? "&#13;" : nullptr;
    if (!reference) continue;
    out += xml_escape(text.substr(start, i - start));
    out += reference;
    start = i + 1;
  }
  out += xml_escape(text.substr(start));
  return out;
}

}  // namespace paperflow
