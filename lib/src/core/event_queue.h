// The simulation's list of pending events, earliest first.
// Private to the simulation (not API); a header so that its small functions
// inline into the event loop, and so that it is tested on its own.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace paperflow::sim {

// The event list: a timing wheel (Varghese and Lauck) for the near future
// and a binary heap for the far future. Time is cut into slots of equal
// width, a few per event expected in an hour, and the next 2^16 slots each
// hold their events in a linked list: an event is pushed in O(1) into its
// slot, and the earliest is found by a bitmap of the occupied slots and a
// scan of a list of one or two. Events beyond the wheel's reach wait in the
// heap and move into the wheel as the present comes within reach of them;
// with the slot width matched to the model, those are a few long delays.
// This replaced a radix heap, which moved each event two or three times
// before it left and took a third of a replication's time. Of events of
// equal time the one pushed last leaves first, always in the same order
// for the same input, which is all reproducibility needs.
class EventQueue {
 public:
  // Two payloads: they fit in the padding after the time for free.
  struct Item {
    double time;
    std::uint32_t payload, tag;
  };

  explicit EventQueue(double slots_per_hour) : slots_per_hour_(slots_per_hour), heads_(slot_count, no_node) {}

  bool empty() const { return size_ == 0; }

  /// `time` must not be before the last item popped.
  void push(double time, std::uint32_t payload, std::uint32_t tag) {
    ++size_;
    const std::uint64_t slot = slot_of(time);
    if (slot < cursor_ + slot_count) {
      link(slot, Item{time, payload, tag});
    } else {
      far_.push_back(Item{time, payload, tag});
      std::push_heap(far_.begin(), far_.end(), later);
    }
  }

  /// The earliest item; the queue must not be empty.
  Item pop() {
    --size_;
    for (;;) {
      const std::size_t index = cursor_ & (slot_count - 1);
      if (heads_[index] != no_node) return unlink_earliest(index);
      advance();
    }
  }

 private:
  static constexpr std::size_t slot_count = std::size_t{1} << 16;
  static constexpr std::size_t words = slot_count / 64;
  static constexpr std::uint32_t no_node = 0xFFFFFFFFu;
  struct Node {
    Item item;
    std::uint32_t next;
  };
  static bool later(const Item& a, const Item& b) { return a.time > b.time; }
  // Multiplying by a positive constant and truncating never reverses an
  // order, so later times never get earlier slots.
  std::uint64_t slot_of(double time) const { return static_cast<std::uint64_t>(time * slots_per_hour_); }

  void link(std::uint64_t slot, const Item& item) {
    std::uint32_t node = free_;
    if (node != no_node) {
      free_ = nodes_[node].next;
    } else {
      node = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    const std::size_t index = slot & (slot_count - 1);
    nodes_[node] = Node{item, heads_[index]};
    heads_[index] = node;
    occupied_[index / 64] |= std::uint64_t{1} << (index % 64);
  }

  // Takes the earliest item out of a slot's list; of equal times the first
  // in the list, which is the one pushed last.
  Item unlink_earliest(std::size_t index) {
    std::uint32_t* earliest = &heads_[index];
    for (std::uint32_t* at = &nodes_[*earliest].next; *at != no_node; at = &nodes_[*at].next)
      if (nodes_[*at].item.time < nodes_[*earliest].item.time) earliest = at;
    const std::uint32_t node = *earliest;
    *earliest = nodes_[node].next;
    if (heads_[index] == no_node) occupied_[index / 64] &= ~(std::uint64_t{1} << (index % 64));
    nodes_[node].next = free_;
    free_ = node;
    return nodes_[node].item;
  }

  // Moves the cursor to the next slot that holds an item, in the wheel or
  // in the heap, and brings the heap's items that are now within reach
  // into the wheel.
  void advance() {
    std::uint64_t next = next_occupied_slot();
    if (!far_.empty()) next = std::min(next, slot_of(far_.front().time));
    cursor_ = next;
    while (!far_.empty() && slot_of(far_.front().time) < cursor_ + slot_count) {
      std::pop_heap(far_.begin(), far_.end(), later);
      link(slot_of(far_.back().time), far_.back());
      far_.pop_back();
    }
  }

  // The first occupied slot after the cursor, looking once around the wheel.
  std::uint64_t next_occupied_slot() const {
    const std::size_t first = (cursor_ + 1) & (slot_count - 1);
    std::size_t word = first / 64;
    std::uint64_t bits = occupied_[word] & (~std::uint64_t{0} << (first % 64));
    for (std::size_t looked = 0; looked <= words; ++looked) {
      if (bits != 0) {
        const std::size_t index = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        return cursor_ + 1 + ((index - first) & (slot_count - 1));
      }
      word = (word + 1) % words;
      bits = occupied_[word];
    }
    return std::numeric_limits<std::uint64_t>::max();  // the wheel is empty
  }

  double slots_per_hour_;
  std::vector<std::uint32_t> heads_;  // per slot, its first node or no_node
  std::vector<Node> nodes_;
  std::uint32_t free_ = no_node;      // the first of the unused nodes, linked by next
  std::uint64_t occupied_[words] = {};  // bit i: heads_[i] is not empty
  std::uint64_t cursor_ = 0;          // the slot of the present
  std::vector<Item> far_;             // beyond the wheel's reach: a heap, earliest first
  std::size_t size_ = 0;
};

}  // namespace paperflow::sim
