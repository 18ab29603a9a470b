#include "xml_document.h"

#include <cstring>

#include <expat.h>

namespace paperflow {
namespace {

// Expat, namespace-aware, gives a name of a namespace as
// `URI<separator>local`: a byte no URI and no XML 1.0 name may hold.
constexpr char namespace_separator = '\x01';

std::pair<std::string, std::string> split_name(const XML_Char* full) {
  const std::string_view name(full);
  const std::size_t separator = name.rfind(namespace_separator);
  if (separator == std::string_view::npos) return {{}, std::string(name)};
  return {std::string(name.substr(0, separator)), std::string(name.substr(separator + 1))};
}

// Windows-1252, which expat lacks: ISO-8859-1 but for 0x80 to 0x9F, where
// it has the euro sign, typographic quotes and dashes (undefined bytes map
// to -1, an error).
constexpr int windows_1252_high[32] = {
    0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017D, -1,
    -1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1, 0x017E, 0x0178};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int on_unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
  if (!equal_ignoring_case(name, "windows-1252") && !equal_ignoring_case(name, "cp1252")) return XML_STATUS_ERROR;
  for (int byte = 0; byte < 256; ++byte)
    info->map[byte] = byte >= 0x80 && byte < 0xA0 ? windows_1252_high[byte - 0x80] : byte;
  info->data = nullptr;
  info->convert = nullptr;
  info->release = nullptr;
  return XML_STATUS_OK;
}

class TreeBuilder {
 public:
  TreeBuilder(const std::shared_ptr<const std::string>& file, const char* rule, const XmlLimits& limits)
      : file_(file), rule_(rule), limits_(limits) {
    parser_ = XML_ParserCreateNS(nullptr, namespace_separator);
    if (!parser_) return;
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, on_start, on_end);
    XML_SetCharacterDataHandler(parser_, on_text);
    XML_SetUnknownEncodingHandler(parser_, on_unknown_encoding, nullptr);
    // No file of ours needs an entity: one declared is refused before it
    // can be expanded (billion laughs, external files). Expat's own
    // amplification limit stays in force besides.
    XML_SetEntityDeclHandler(parser_, on_entity);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
  }
  ~TreeBuilder() {
    if (parser_) XML_ParserFree(parser_);
  }
  TreeBuilder(const TreeBuilder&) = delete;
  TreeBuilder& operator=(const TreeBuilder&) = delete;

  XmlDocument parse(std::string_view text) {
    text_ = text;
    XmlDocument document;
    if (!parser_) {
      document.problem = problem_at(0, 0, phrase_of("the XML parser could not be made: out of memory"));
      return document;
    }
    if (text.empty()) {
      document.problem = problem_at(0, 0, phrase_of("the file is empty"));
      return document;
    }
    // Fed in pieces that fit expat's int lengths.
    constexpr std::size_t piece = std::size_t{1} << 24;
    for (std::size_t at = 0; at < text.size(); at += piece) {
      const std::size_t length = std::min(piece, text.size() - at);
      const bool last = at + length == text.size();
      if (XML_Parse(parser_, text.data() + at, static_cast<int>(length), last ? XML_TRUE : XML_FALSE) !=
          XML_STATUS_OK) {
        document.beyond_limits = stopped_.has_value();
        document.problem = failure();
        return document;
      }
    }
    document.root = std::move(root_);
    return document;
  }

 private:
  Diagnostic problem_at(int line, int column, Phrase message) const {
    Diagnostic d;
    d.rule = rule_;
    d.location = {file_, line, column};
    d.message = std::move(message);
    return d;
  }

  // Lines and columns as the reports count them: a line ends at `\n`
  // only (expat also ends one at a lone `\r`), a column is a character
  // (a UTF-8 lead byte). Counted from expat's byte index with a cursor that
  // only moves forward, so that the text is read once.
  int line() { return advance().first; }
  int column() { return advance().second; }
  std::pair<int, int> advance() {
    const XML_Index index = XML_GetCurrentByteIndex(parser_);
    const std::size_t to = index < 0 ? text_.size() : std::min(static_cast<std::size_t>(index), text_.size());
    if (to < cursor_) {  // never in order of parsing; counted again from the start if so
      cursor_ = 0;
      cursor_line_ = cursor_column_ = 1;
    }
    for (; cursor_ < to; ++cursor_) {
      const auto byte = static_cast<unsigned char>(text_[cursor_]);
      if (byte == '\n') {
        ++cursor_line_;
        cursor_column_ = 1;
      } else if ((byte & 0xC0) != 0x80) {
        ++cursor_column_;
      }
    }
    return {cursor_line_, cursor_column_};
  }

  Diagnostic failure() {
    if (stopped_) return std::move(*stopped_);
    return problem_at(line(), column(), phrase_of("not well-formed XML: {}", XML_ErrorString(XML_GetErrorCode(parser_))));
  }

  void stop(Phrase why) {
    if (!stopped_) stopped_ = problem_at(line(), column(), std::move(why));
    XML_StopParser(parser_, XML_FALSE);
  }

  static void on_entity(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                        const XML_Char*, const XML_Char*) {
    static_cast<TreeBuilder*>(self)->stop(
        phrase_of("the file declares an XML entity, which is refused: entities can make a file expand without bound"));
  }

  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<TreeBuilder*>(self)->start(name, attributes);
  }
  // Expat may still call a handler after a stop (the end of an empty
  // element): once stopped, nothing is taken.
  static void on_end(void* self, const XML_Char*) {
    auto* builder = static_cast<TreeBuilder*>(self);
    if (!builder->stopped_ && !builder->open_.empty()) builder->open_.pop_back();
  }
  static void on_text(void* self, const XML_Char* text, int length) {
    auto* builder = static_cast<TreeBuilder*>(self);
    if (!builder->stopped_ && !builder->open_.empty()) builder->open_.back()->text.append(text, static_cast<std::size_t>(length));
  }

  void start(const XML_Char* name, const XML_Char** attributes) {
    if (stopped_) return;
    if (open_.size() >= static_cast<std::size_t>(limits_.max_depth))
      return stop(phrase_of("elements nested deeper than {} levels", number_argument(limits_.max_depth, 0)));
    if (++elements_ > limits_.max_elements)
      return stop(phrase_of("more than {} elements", count_argument(static_cast<double>(limits_.max_elements))));
    XmlElement element;
    std::tie(element.space, element.name) = split_name(name);
    element.line = line();
    element.column = column();
    for (const XML_Char** a = attributes; *a; a += 2) {
      auto [space, local] = split_name(a[0]);
      element.attributes.push_back({std::move(space), std::move(local), a[1]});
    }
    if (open_.empty()) {
      root_ = std::move(element);
      open_.push_back(&*root_);
    } else {
      open_.back()->children.push_back(std::move(element));
      open_.push_back(&open_.back()->children.back());
    }
  }

  XML_Parser parser_ = nullptr;
  std::string_view text_;
  std::size_t cursor_ = 0;  // line() and column(): the byte counted up to, and its place
  int cursor_line_ = 1, cursor_column_ = 1;
  std::shared_ptr<const std::string> file_;
  const char* rule_;
  XmlLimits limits_;
  std::optional<XmlElement> root_;
  std::vector<XmlElement*> open_;  // the elements open, outermost first
  std::size_t elements_ = 0;
  std::optional<Diagnostic> stopped_;
};

}  // namespace

const std::string* XmlElement::attribute(std::string_view wanted, std::string_view wanted_space) const {
  for (const Attribute& a : attributes)
    if (a.name == wanted && a.space == wanted_space) return &a.value;
  return nullptr;
}

XmlDocument read_xml(std::string_view text, const std::shared_ptr<const std::string>& file, const char* rule,
                     const XmlLimits& limits) {
  return TreeBuilder(file, rule, limits).parse(text);
}

}  // namespace paperflow
