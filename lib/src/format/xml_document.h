// An XML file read whole into a small tree, for readers of outside XML
// (BPMN): namespace-aware, every element with its line and column, and
// bounded, so that a hostile file ends in a located diagnostic, never in
// unbounded time or memory. Expat parses; it decodes UTF-8, UTF-16,
// ISO-8859-1 and US-ASCII, and Windows-1252 is added, as files of
// Windows tools declare it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paperflow/diagnostic.h"

namespace paperflow {

/// One element: its namespace URI (empty outside any namespace) and local
/// name, its attributes likewise, the character data directly inside it,
/// and its child elements in document order.
struct XmlElement {
  struct Attribute {
    std::string space, name, value;
  };
  std::string space, name;
  std::vector<Attribute> attributes;
  std::string text;
  std::vector<XmlElement> children;
  int line = 0, column = 0;  // of its start tag, 1-based

  /// The value of the attribute `name` in `space` (empty: no namespace, as
  /// unprefixed attributes are), or nullptr.
  const std::string* attribute(std::string_view name, std::string_view space = {}) const;
};

/// Bounds on what read_xml accepts: nesting, and elements in all (each
/// costs a few hundred bytes of memory, whatever its size in the file).
struct XmlLimits {
  int max_depth = 200;
  std::size_t max_elements = 500'000;
};

struct XmlDocument {
  std::optional<XmlElement> root;  // set when the text is well-formed within the limits
  std::optional<Diagnostic> problem;  // else why not, with line and column, rule `rule`
  bool beyond_limits = false;  // the problem is a limit or an entity, not a fault of XML itself
};

/// Parses `text`, the contents of the file `file` (for diagnostics).
/// Refuses any entity declaration (billion laughs, external files) and
/// reads no external resource. A problem carries `rule`. Never throws.
XmlDocument read_xml(std::string_view text, const std::shared_ptr<const std::string>& file, const char* rule,
                     const XmlLimits& limits = {});

}  // namespace paperflow
