// A small, read-only YAML document tree built from libyaml's events.
//
// Why libyaml's event parser: it streams (it holds the tokens of a possible
// key for one line of at most 1,024 characters, where yaml-cpp held every
// token of an open flow collection, 45 times the file in memory), gives a
// mark in characters for every node, tells quoted from plain scalars, and
// names the collection a syntax error is in. Building the tree ourselves
// lets us bound what aliases expand to (an "alias bomb" of nested anchors
// is a few lines of text that expands exponentially) and how deep values
// nest.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"

namespace paperflow::yaml {

struct Node {
  enum class Kind : std::uint8_t { null, scalar, sequence, map };
  // Fields ordered so that a node is 32 bytes: a file of 100,000 steps in
  // flow style has about 1.1 million of them, and the tree is half of what
  // validating it costs.
  Kind kind = Kind::null;
  bool plain = true;     // a scalar written without quotes or tag: only plain scalars are numbers or booleans
  bool complete = true;  // false while its collection is still being read
  int line = 0;          // 1-based
  int column = 0;        // 1-based, in characters
  // Scalar: bytes of its text. Collection: its children.
  std::uint32_t size = 0;
  // What this node stands for with its aliases expanded, saturating at the
  // largest value: nodes, and bytes of scalar text. The loader copies text
  // out of the tree, so an alias of a megabyte scalar costs a megabyte at
  // every use; both are bounded (Limits).
  std::uint32_t expanded_size = 1;
  std::uint32_t expanded_bytes = 0;
  // Held by the document. A scalar's text; a sequence's items; a map's keys
  // and values alternating. Aliases make two parents share one child, which
  // is why children are pointers.
  union {
    const char* text = nullptr;
    const Node* const* items;
  };

  std::string_view value() const { return kind == Kind::scalar ? std::string_view(text, size) : std::string_view(); }
  std::span<const Node* const> children() const {
    return kind == Kind::sequence || kind == Kind::map ? std::span<const Node* const>(items, size)
                                                       : std::span<const Node* const>();
  }
};
static_assert(sizeof(Node) <= 32 || sizeof(void*) > 8, "a node is 32 bytes: see its fields");

/// The nodes of a document, in blocks of many that never move, so that the
/// pointers between nodes stay valid as it grows (a deque does the same in
/// blocks of five nodes, each with its own allocation).
class NodeStore {
 public:
  Node& emplace_back() {
    if (used_ == size_) {
      // Blocks grow from 64 nodes, so that a small file allocates little.
      size_ = blocks_.empty() ? 64 : std::min<std::size_t>(size_ * 2, 4096);
      blocks_.push_back(std::make_unique<Node[]>(size_));
      used_ = 0;
    }
    Node& node = blocks_.back()[used_++];
    node = Node{};  // a block kept by clear() holds the nodes of before
    return node;
  }

  /// Forgets every node, keeping the first block for the next ones.
  void clear() {
    if (blocks_.empty()) return;
    blocks_.resize(1);
    size_ = 64;
    used_ = 0;
  }

 private:
  std::vector<std::unique_ptr<Node[]>> blocks_;
  std::size_t size_ = 0;  // of the last block
  std::size_t used_ = 0;  // of the last block
};

/// Runs of values (the text of scalars, the children of collections) in
/// blocks that never move, each run contiguous: one allocation for many
/// runs, and no slack but the end of a block, where a std::string or a
/// std::vector per node costs its header, its allocation and its growth.
template <class T>
class RunStore {
 public:
  /// Forgets every run, keeping one block for the next ones.
  void clear() {
    if (current_ == nullptr) {
      blocks_.clear();
      return;
    }
    // The block runs are cut from is the last block of its size; long runs
    // have blocks of their own, which go.
    std::erase_if(blocks_, [&](const std::unique_ptr<T[]>& block) { return block.get() != current_block_; });
    current_ = current_block_;
    free_ = block_size_;
  }

  std::span<T> allocate(std::size_t count) {
    if (count == 0) return {};
    if (count > block_size_ / 4) {
      // A long run gets a block of its own; the current block stays.
      blocks_.push_back(std::make_unique_for_overwrite<T[]>(count));
      return {blocks_.back().get(), count};
    }
    if (free_ < count) {
      block_size_ = std::min<std::size_t>(block_size_ * 2, std::size_t{1} << 16);
      blocks_.push_back(std::make_unique_for_overwrite<T[]>(block_size_));
      current_ = current_block_ = blocks_.back().get();
      free_ = block_size_;
    }
    std::span<T> run(current_, count);
    current_ += count;
    free_ -= count;
    return run;
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  T* current_ = nullptr;        // where the next run starts
  T* current_block_ = nullptr;  // the block it is in
  std::size_t free_ = 0;
  std::size_t block_size_ = 128;
};

/// Limits that keep a hostile file from exhausting memory or time.
struct Limits {
  std::size_t max_file_bytes = 64u << 20;
  std::size_t max_alias_expansion = 1'000'000;  // nodes that aliases may add, in all
  std::size_t max_alias_bytes = 16u << 20;      // bytes of scalar text that aliases may add, in all
  std::size_t max_depth = 499;                  // collections open inside each other
};

// Where each line of a text starts, for the places of nodes (yaml_tree.cpp).
class LineTable;

struct Document {
  NodeStore nodes;
  RunStore<char> text;
  RunStore<const Node*> children;
  const Node* root = nullptr;

  /// With parse(..., streamed_list): the list under that key of the
  /// top-level mapping, here without its items (it has no children), and
  /// their number; for_each_streamed_item() reads them from `source`, which
  /// must outlive the document. Null when the list is not there or the
  /// document had to be read whole.
  const Node* streamed_list = nullptr;
  std::size_t streamed_items = 0;
  std::string streamed_key;
  std::string_view source;
  Limits limits;
  std::shared_ptr<const LineTable> lines;  // of `source`, for the places of the items

  /// Forgets every node, keeping some memory for the next ones.
  void clear() {
    nodes.clear();
    text.clear();
    children.clear();
    root = nullptr;
  }
};

/// Parses `text` as one YAML document. Problems (not UTF-8, a NUL byte,
/// syntax errors, several documents, limits exceeded) are appended to
/// `diagnostics` with rule yaml-syntax or limits; the returned document then
/// has no root. An empty file yields a document without root and an error.
///
/// With `streamed_list`, the items of the list under that key of the
/// top-level mapping (`steps`) are not kept in the tree, but read one at a
/// time by for_each_streamed_item: a file of a million steps then never
/// holds the nodes of more than one. The document is read whole, as
/// without it, when that cannot be done: an anchor or an alias in the list,
/// the key twice, a problem anywhere.
Document parse(std::string_view text, const std::shared_ptr<const std::string>& file,
               Diagnostics& diagnostics, const Limits& limits = {}, std::string_view streamed_list = {});

/// Calls `take` with each item of the document's streamed list, in order,
/// each a tree of its own that lives until `take` returns. Returns false if
/// the items could not be read again (never after parse read the document
/// cleanly: the same text gives the same events).
bool for_each_streamed_item(const Document& document, const std::function<void(const Node*)>& take);

/// Converts a 0-based byte offset within a line into a 1-based column in
/// characters (UTF-8 code points), which is what editors and carets count.
int byte_to_char_column(std::string_view line_text, std::size_t byte_offset);

}  // namespace paperflow::yaml
