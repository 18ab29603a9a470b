// XML text written element by element: what paperflow writes as XML with a
// structure of its own (BPMN) rather than a page of markup. Every attribute
// value and every text goes through xml_escape.h, elements close in the
// order they opened, and the result is indented two spaces a level, so
// that a reviewer can read a golden file. The unit test parses what it
// writes with expat.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperflow {

class XmlWriter {
 public:
  /// Attribute names and values, in the order written; the values are
  /// escaped by the writer.
  using Attributes = std::vector<std::pair<std::string, std::string>>;

  /// Starts the document with its declaration (UTF-8).
  XmlWriter();

  /// Opens `tag`; later elements go inside it until close().
  void open(std::string_view tag, const Attributes& attributes = {});
  /// An element without content: `<tag a="v"/>`.
  void empty(std::string_view tag, const Attributes& attributes = {});
  /// An element with only text in it, on one line.
  void text(std::string_view tag, std::string_view content, const Attributes& attributes = {});
  /// Closes the innermost open element.
  void close();

  /// The document, with every element still open closed.
  std::string finish();

 private:
  void start_tag(std::string_view tag, const Attributes& attributes);
  std::string indent() const { return std::string(2 * open_.size(), ' '); }

  std::string out_;
  std::vector<std::string> open_;  // the tags open, outermost first
};

}  // namespace paperflow
