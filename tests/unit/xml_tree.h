// The XML the library writes, read back by a real parser for the tests:
// expat, namespace-aware, into a small tree. A document that is not
// well-formed gives no tree and expat's message.
#pragma once

#include <expat.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace paperflow::test {

/// An element by its expanded name: "NAMESPACE-URI local" (or the local
/// name alone outside any namespace), attributes likewise.
struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // the character data directly inside
  std::vector<std::unique_ptr<XmlElement>> children;
  XmlElement* parent = nullptr;

  std::string attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? std::string() : it->second;
  }
  /// Every element below this one (not itself) named `expanded`, in document order.
  void find_all(const std::string& expanded, std::vector<const XmlElement*>& out) const {
    for (const auto& child : children) {
      if (child->name == expanded) out.push_back(child.get());
      child->find_all(expanded, out);
    }
  }
  std::vector<const XmlElement*> all(const std::string& expanded) const {
    std::vector<const XmlElement*> out;
    find_all(expanded, out);
    return out;
  }
};

struct XmlParse {
  std::unique_ptr<XmlElement> root;
  std::string error;  // expat's message with line and column when not well-formed
};

inline XmlParse parse_xml(const std::string& text) {
  XmlParse result;
  XML_Parser parser = XML_ParserCreateNS("UTF-8", ' ');
  struct State {
    XmlParse* result;
    XmlElement* current = nullptr;
  } state{&result};
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* s = static_cast<State*>(data);
        auto element = std::make_unique<XmlElement>();
        element->name = name;
        for (int k = 0; attributes[k]; k += 2) element->attributes[attributes[k]] = attributes[k + 1];
        element->parent = s->current;
        XmlElement* raw = element.get();
        if (s->current) s->current->children.push_back(std::move(element));
        else s->result->root = std::move(element);
        s->current = raw;
      },
      [](void* data, const XML_Char*) {
        auto* s = static_cast<State*>(data);
        s->current = s->current->parent;
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* chars, int length) {
    auto* s = static_cast<State*>(data);
    if (s->current) s->current->text.append(chars, static_cast<std::size_t>(length));
  });
  if (XML_Parse(parser, text.data(), static_cast<int>(text.size()), XML_TRUE) == XML_STATUS_ERROR) {
    result.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                   std::to_string(XML_GetCurrentLineNumber(parser)) + ", column " +
                   std::to_string(XML_GetCurrentColumnNumber(parser));
    result.root.reset();
  }
  XML_ParserFree(parser);
  return result;
}

}  // namespace paperflow::test
