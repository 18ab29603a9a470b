#include "yaml_tree.h"

#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace paperflow;

TEST_CASE("the tree keeps 1-based marks and tells plain from quoted scalars") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto document = yaml::parse("a: 1\nb:\n  - \"2\"\n  - x\n", file, diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(document.root);
  const auto* root = document.root;
  CHECK(root->kind == yaml::Node::Kind::map);
  REQUIRE(root->children().size() == 4);
  CHECK(root->children()[1]->line == 1);
  CHECK(root->children()[1]->column == 4);
  const auto* list = root->children()[3];
  CHECK(list->kind == yaml::Node::Kind::sequence);
  CHECK_FALSE(list->children()[0]->plain);
  CHECK(list->children()[1]->plain);
  CHECK(list->children()[0]->line == 3);
  CHECK(list->children()[0]->column == 5);
}

TEST_CASE("aliases share their node and are bounded") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto ok = yaml::parse("a: &x [1, 2]\nb: *x\n", file, diagnostics);
  REQUIRE(diagnostics.empty());
  CHECK(ok.root->children()[1] == ok.root->children()[3]);

  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    // fmt rather than "literal" + std::string: GCC 12 at -O3 warns
    // (-Wrestrict) about the inlined std::operator+, a known false positive.
    bomb += fmt::format("a{0}: &a{0} [", i);
    for (int k = 0; k < 10; ++k) bomb += fmt::format("{}*a{}", k ? ", " : "", i - 1);
    bomb += "]\n";
  }
  auto refused = yaml::parse(bomb, file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "limits");
  CHECK_FALSE(refused.root);
}

TEST_CASE("aliases are bounded by the bytes they add, as a megabyte scalar named a thousand times") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  const std::string big(64 << 10, 'x');
  std::string few = "a: &big " + big + "\nb: [";
  for (int i = 0; i < 200; ++i) few += i ? ", *big" : "*big";  // 12.5 MiB: within the bound
  auto ok = yaml::parse(few + "]\n", file, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(ok.root);
  std::string many = "a: &big " + big + "\nb: [";
  for (int i = 0; i < 300; ++i) many += i ? ", *big" : "*big";  // 18.75 MiB
  auto refused = yaml::parse(many + "]\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "limits");
  CHECK(diagnostics[0].message.english() == "aliases expand to more than 16 MiB of text; paperflow refuses to expand them");
  CHECK(diagnostics[0].location.line == 2);
  CHECK_FALSE(refused.root);
}

TEST_CASE("text that is not UTF-8 or holds NUL is refused at its place") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  yaml::parse("a: 1\nb: \xFF\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 2);
  CHECK(diagnostics[0].location.column == 4);
  diagnostics.clear();
  yaml::parse(std::string("a: \0", 4), file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.english().find("NUL") != std::string::npos);
}

TEST_CASE("an empty file and a second document are errors") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  yaml::parse("# only a comment\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.english().find("empty") != std::string::npos);
  diagnostics.clear();
  yaml::parse("a: 1\n---\nb: 2\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 3);
}

TEST_CASE("deep nesting is refused as a limit at the start of the nesting, not a stack overflow") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  yaml::parse(std::string(100000, '[') + std::string(100000, ']'), file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "limits");
  CHECK(diagnostics[0].location.line == 1);
  CHECK(diagnostics[0].location.column == 1);
  diagnostics.clear();
  yaml::parse("a: 1\nb: [x, " + std::string(3000, '[') + std::string(3000, ']') + "]\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "limits");
  CHECK(diagnostics[0].location.line == 2);
  CHECK(diagnostics[0].location.column == 8);
}

TEST_CASE("an unclosed quote is a syntax error at the opening quote, not text to the end of the file") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto document = yaml::parse("a: 1\nb: \"two\nc: 3\nd: 4\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "yaml-syntax");
  CHECK(diagnostics[0].location.line == 2);
  CHECK(diagnostics[0].location.column == 4);
  CHECK_FALSE(document.root);
  diagnostics.clear();
  yaml::parse("a: 'it''s\nb: 2\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 1);
  CHECK(diagnostics[0].location.column == 4);
  diagnostics.clear();
  yaml::parse("a: {b: \"x, c: d}\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.column == 8);
  // Closed quotes, escaped quotes and quotes over several lines are fine.
  diagnostics.clear();
  auto fine = yaml::parse("a: \"say \\\"hi\\\"\"\nb: 'it''s'\nc: \"two\n  lines\"\n", file, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(fine.root);
}

TEST_CASE("an unclosed bracket is a syntax error at the bracket, not at the token after it") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  yaml::parse("a: [1, 2\nb: 3\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "yaml-syntax");
  CHECK(diagnostics[0].location.line == 1);
  CHECK(diagnostics[0].location.column == 4);
  CHECK(diagnostics[0].message.english().find("[") != std::string::npos);
  diagnostics.clear();
  yaml::parse("a:\n  - {x: 1, y: 2\n  - b\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 2);
  CHECK(diagnostics[0].location.column == 5);
  CHECK(diagnostics[0].message.english().find("{") != std::string::npos);
}

TEST_CASE("a tab that indents a key is reported as such, even before the first key of a mapping") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  yaml::parse("a: 1\nb:\n\tc: 2\n  d: 3\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "yaml-syntax");
  CHECK(diagnostics[0].location.line == 3);
  CHECK(diagnostics[0].location.column == 1);
  CHECK(diagnostics[0].message.english().find("tab") != std::string::npos);
  diagnostics.clear();
  yaml::parse("a:\n  c: 2\n  \td: 3\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 3);
  CHECK(diagnostics[0].location.column == 3);
  CHECK(diagnostics[0].message.english().find("tab") != std::string::npos);
}

TEST_CASE("an empty value is placed at its key, not at the next line") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto document = yaml::parse("a:\n  b:\n  c: 1\nd:\n", file, diagnostics);
  REQUIRE(diagnostics.empty());
  const yaml::Node* a = document.root->children()[1];
  const yaml::Node* b = a->children()[1];
  CHECK(b->kind == yaml::Node::Kind::null);
  CHECK(b->line == 2);
  CHECK(b->column == 3);
  const yaml::Node* d = document.root->children()[3];
  CHECK(d->kind == yaml::Node::Kind::null);
  CHECK(d->line == 4);
  CHECK(d->column == 1);
}

TEST_CASE("a bracket never closed is found where the parser fails lines later, on another name") {
  // The parser notices an unclosed bracket at the next item or key, lines
  // after it; the error is at the bracket.
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  yaml::parse("units:\n  - {id: a, name: \"A, [b\", staff: 1\n  - {id: b, name: B}\nsteps:\n  - x\n", file,
              diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 2);
  CHECK(diagnostics[0].location.column == 5);
  CHECK(diagnostics[0].message.english().find("{ is never closed") != std::string::npos);

  // Brackets inside a plain scalar of block context, a comment or a quote
  // open nothing: a later error stays the parser's, at its place.
  for (const char* valid_then_error : {
           "a: Antrag [alt\nb: 'it''s {'  # [x\nc: d: e\n",
           "a: |\n  {\"c\": 3\n  Hinweis: [siehe Anlage 3\nc: d: e\n",                 // a block scalar
           "- name: >-\n    Text [mit\n  next: x\nc: d: e\n",
           "a: Dies ist ein Text\n  [siehe Anlage\nc: d: e\n",                         // a plain text's next line
           "tags: [Eingang, Kopie \"an]\nnote: \"x\"\nc: d: e\n",                      // a quote inside plain text
           "tags: [Eingang, Antragsteller 's]\nnote: 'x'\nc: d: e\n",
       }) {
    CAPTURE(valid_then_error);
    diagnostics.clear();
    yaml::parse(valid_then_error, file, diagnostics);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].message.english().find("never closed") == std::string::npos);
  }

  // A block scalar's brackets are text: the bracket left open is the one after it.
  diagnostics.clear();
  yaml::parse("a: |\n  [x\nb:\n  - [1, 2\n  - c\nd: e\n", file, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.line == 4);
  CHECK(diagnostics[0].location.column == 5);
  CHECK(diagnostics[0].message.english().find("[ is never closed") != std::string::npos);
}

TEST_CASE("columns count characters, node after node along one line") {
  // Columns are counted on from the node before on the same line (linear,
  // not quadratic, on a long flow line); umlauts are one character each.
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto document = yaml::parse("ä: {ö: ü, ß: [äö, x]}\nb: [1, 2]\n", file, diagnostics);
  REQUIRE(diagnostics.empty());
  const yaml::Node* map = document.root->children()[1];
  REQUIRE(map->children().size() == 4);
  CHECK(map->column == 4);
  CHECK(map->children()[0]->column == 5);  // ö
  CHECK(map->children()[1]->column == 8);  // ü
  CHECK(map->children()[2]->column == 11);  // ß
  const yaml::Node* list = map->children()[3];
  CHECK(list->column == 14);
  CHECK(list->children()[0]->column == 15);  // äö
  CHECK(list->children()[1]->column == 19);  // x
  const yaml::Node* b = document.root->children()[3];
  CHECK(b->line == 2);
  CHECK(b->column == 4);
  CHECK(b->children()[1]->column == 8);
}

TEST_CASE("the parser's commonest errors are said as the mistake, at its place") {
  struct Row {
    std::string text;
    int line, column;
    const char* says;
  };
  const Row rows[] = {
      {"a: 1\nsome text\nb: 2\n", 2, 1, "a key without `: `"},                      // at the key, not the line after
      {"a: 1\n" + std::string(2000, 'k') + ": 1\n", 2, 1, "at most 1,024 characters"},
      {"a: @x\n", 1, 4, "cannot start with @"},
      {"b: [-x, :y]\n", 1, 9, "a value was expected here"},
      {"a: §x\nb: 1\n", 0, 0, ""},                                                   // valid: § is a letter here
      {"a:\n  - x\n  y: 2\n", 3, 3, "a list item (`- `) was expected"},
      {"process:\n  id: a\n name: b\n", 3, 2, "a key was expected"},
      {"a: b: c\n", 1, 5, "a colon and a space"},
      {"{a: 1, b: c: d}\n", 1, 12, "in the mapping { at line 1, column 1"},
      {"x: [a, \"b\" c]\n", 1, 12, "in the list [ at line 1, column 4"},
      {"a: *x\n", 1, 4, "the alias *x names no anchor &x"},
      {"a: \"x\\q\"\n", 1, 6, "found unknown escape character (while parsing a quoted scalar at line 1, column 4)"},
      {"a: b\x7F\n", 1, 5, "the control character U+007F"},
      {"a: \xC2\x9B\n", 1, 4, "the control character U+009B"},
      {"a: 1\n---\n", 2, 1, "a second YAML document"},  // an empty second document: at its ---
      // Line breaks only YAML sees: the report's lines end at \n alone.
      {"paperflow: 1\n# note\xE2\x80\xA8more\nprocess: [a\n  b: c\n", 2, 7, "U+2028 ends a line for YAML"},
      {"paperflow: 1\n# x\xC2\x85y\nprocess:\n  id: a\n\tname: b\n", 2, 4, "U+0085 ends a line for YAML"},
      {"paperflow: 1\r# c\rprocess:\r  id: \"abc\r", 1, 33, "the quote \" opened here"},
  };
  auto file = std::make_shared<const std::string>("t.yaml");
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Diagnostics diagnostics;
    yaml::parse(row.text, file, diagnostics);
    if (!*row.says) {
      CHECK(diagnostics.empty());
      continue;
    }
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].rule == "yaml-syntax");
    CHECK(diagnostics[0].location.line == row.line);
    CHECK(diagnostics[0].location.column == row.column);
    CHECK(diagnostics[0].message.english().find(row.says) != std::string::npos);
  }
}

TEST_CASE("a flow list of 100,000 values on one line is read whole, each value at its column") {
  // libyaml holds a possible key for one line of 1,024 characters at most,
  // so a list of 100,000 values on one line is read as it comes.
  std::string text = "a: [";
  for (int i = 0; i < 100000; ++i) text += fmt::format("{}v{}", i ? ", " : "", i);
  text += "]\n";
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto document = yaml::parse(text, file, diagnostics);
  REQUIRE(diagnostics.empty());
  const yaml::Node* list = document.root->children()[1];
  REQUIRE(list->children().size() == 100000);
  CHECK(list->children()[99999]->value() == "v99999");
  CHECK(list->children()[1]->column == 9);
  // Text and children are held by the document in runs: a run longer than
  // a block gets its own, and the short ones after it are still right.
  CHECK(list->children()[0]->value() == "v0");
}

TEST_CASE("places count lines ended by a line feed alone, whatever libyaml takes for a line break") {
  // libyaml ends a line at a lone CR, U+0085, U+2028 and U+2029 too; the
  // reports show lines split at \n, so every place is counted that way.
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  auto document = yaml::parse("a: \"x\xE2\x80\xA8y\rz\"\nb: [ä, c]\n", file, diagnostics);
  REQUIRE(diagnostics.empty());
  const yaml::Node* b = document.root->children()[2];
  CHECK(b->line == 2);
  CHECK(b->column == 1);
  const yaml::Node* c = document.root->children()[3]->children()[1];
  CHECK(c->line == 2);
  CHECK(c->column == 8);
}

namespace {

// The items of a streamed list as (line, column, text of the first value).
std::vector<std::tuple<int, int, std::string>> streamed_items(const yaml::Document& document) {
  std::vector<std::tuple<int, int, std::string>> items;
  const bool read = yaml::for_each_streamed_item(document, [&](const yaml::Node* item) {
    const std::string first = item->kind == yaml::Node::Kind::map && item->children().size() >= 2
                                  ? std::string(item->children()[1]->value())
                                  : std::string(item->value());
    items.emplace_back(item->line, item->column, first);
  });
  CHECK(read);
  return items;
}

}  // namespace

TEST_CASE("a streamed list leaves its items out of the tree and gives them one at a time, each at its place") {
  Diagnostics diagnostics;
  auto file = std::make_shared<const std::string>("t.yaml");
  const std::string text = "a: 1\nsteps:\n  - {id: s1, x: [1, 2]}\n  - id: s2\n    y: 3\n  - plain\nz: [s]\n";
  auto document = yaml::parse(text, file, diagnostics, {}, "steps");
  REQUIRE(diagnostics.empty());
  REQUIRE(document.root);
  REQUIRE(document.streamed_list);
  CHECK(document.streamed_list->children().empty());
  CHECK(document.streamed_items == 3);
  // The rest of the tree is whole.
  REQUIRE(document.root->children().size() == 6);
  CHECK(document.root->children()[5]->children().size() == 1);
  using Item = std::tuple<int, int, std::string>;
  CHECK(streamed_items(document) == std::vector<Item>{{3, 5, "s1"}, {4, 5, "s2"}, {6, 5, "plain"}});

  // In flow style on one line, the same.
  auto flow = yaml::parse("{steps: [{id: a}, {id: b}, c], k: v}\n", file, diagnostics, {}, "steps");
  REQUIRE(diagnostics.empty());
  REQUIRE(flow.streamed_list);
  CHECK(streamed_items(flow) == std::vector<Item>{{1, 10, "a"}, {1, 19, "b"}, {1, 28, "c"}});
}

TEST_CASE("a list that cannot be streamed is read whole, with the messages the whole tree gives") {
  auto file = std::make_shared<const std::string>("t.yaml");
  // An anchor or an alias in an item, the list an alias or anchored, the
  // key twice, nesting in an item as deep as the limit: the tree is whole.
  // Each of these would be streamed but for its anchor, alias or second
  // key (an aliased list, `steps: *l`, is no list to stream at all).
  for (const std::string text :
       {"steps:\n  - &a {id: s1}\n  - {id: s2}\n", "x: &a 1\nsteps:\n  - {id: s1}\n  - *a\n",
        "x: &a 1\nsteps:\n  - {id: s1, name: *a}\n", "steps: &l\n  - {id: s1}\n", "steps: [a]\nsteps: [b, c]\n"}) {
    CAPTURE(text);
    Diagnostics streamed_diagnostics, whole_diagnostics;
    auto streamed = yaml::parse(text, file, streamed_diagnostics, {}, "steps");
    auto whole = yaml::parse(text, file, whole_diagnostics);
    REQUIRE(streamed_diagnostics.empty());
    REQUIRE(whole_diagnostics.empty());
    CHECK(streamed.streamed_list == nullptr);
    // The tree is whole: every item of every `steps` is in it.
    const auto items = [](const yaml::Document& document) {
      std::vector<std::size_t> counts;
      const auto children = document.root->children();
      for (std::size_t i = 0; i + 1 < children.size(); i += 2)
        if (children[i]->value() == "steps") counts.push_back(children[i + 1]->children().size());
      return counts;
    };
    CHECK(items(streamed) == items(whole));
    CHECK_FALSE(items(streamed).empty());
    CHECK(items(streamed).front() >= 1);
  }
  yaml::Limits shallow;
  shallow.max_depth = 5;
  Diagnostics diagnostics;
  auto deep = yaml::parse("steps:\n  - [[[[[1]]]]]\n", file, diagnostics, shallow, "steps");
  CHECK_FALSE(deep.root);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "limits");
  Diagnostics whole_deep;
  yaml::parse("steps:\n  - [[[[[1]]]]]\n", file, whole_deep, shallow);
  REQUIRE(whole_deep.size() == 1);
  CHECK(diagnostics[0].location.line == whole_deep[0].location.line);
  CHECK(diagnostics[0].location.column == whole_deep[0].location.column);

  // A syntax error after the list: reported once, where it is, as without streaming.
  Diagnostics late;
  auto broken = yaml::parse("steps:\n  - {id: s1}\nz: [1\n", file, late, {}, "steps");
  CHECK_FALSE(broken.root);
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "yaml-syntax");
  Diagnostics whole_late;
  yaml::parse("steps:\n  - {id: s1}\nz: [1\n", file, whole_late);
  REQUIRE(whole_late.size() == 1);
  CHECK(late[0].location.line == whole_late[0].location.line);
  CHECK(late[0].message.english() == whole_late[0].message.english());
}
