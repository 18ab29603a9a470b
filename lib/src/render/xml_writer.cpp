#include "xml_writer.h"

#include "xml_escape.h"

namespace paperflow {

XmlWriter::XmlWriter() : out_("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {}

void XmlWriter::start_tag(std::string_view tag, const Attributes& attributes) {
  out_ += indent();
  out_ += '<';
  out_ += tag;
  for (const auto& [name, value] : attributes) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    out_ += xml_attribute_escape(value);
    out_ += '"';
  }
}

void XmlWriter::open(std::string_view tag, const Attributes& attributes) {
  start_tag(tag, attributes);
  out_ += ">\n";
  open_.emplace_back(tag);
}

void XmlWriter::empty(std::string_view tag, const Attributes& attributes) {
  start_tag(tag, attributes);
  out_ += "/>\n";
}

void XmlWriter::text(std::string_view tag, std::string_view content, const Attributes& attributes) {
  start_tag(tag, attributes);
  out_ += '>';
  out_ += xml_escape(content);
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
}

void XmlWriter::close() {
  if (open_.empty()) return;
  const std::string tag = std::move(open_.back());
  open_.pop_back();
  out_ += indent() + "</" + tag + ">\n";
}

std::string XmlWriter::finish() {
  while (!open_.empty()) close();
  return std::move(out_);
}

}  // namespace paperflow
