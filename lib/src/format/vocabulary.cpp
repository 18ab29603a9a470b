#include "paperflow/vocabulary.h"

#include <array>

namespace paperflow {
namespace {

// Each table lists the names in the order of its enum.
constexpr std::array<std::string_view, 20> activities{
    "fill_in", "submit", "receive", "transcribe", "scan", "check", "assess",
    "request", "consult", "approve", "decide", "sign", "print", "send",
    "pay", "archive", "retrieve", "transport", "wait", "other"};
constexpr std::array<std::string_view, 2> media{"paper", "digital"};
constexpr std::array<std::string_view, 7> channels{"in_person", "post", "phone", "email",
                                                   "fax", "online", "internal"};
constexpr std::array<std::string_view, 4> signatures{"none", "wet", "qualified", "eid"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_in(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::span<const std::string_view> activity_names() { return activities; }
std::span<const std::string_view> medium_names() { return media; }
std::span<const std::string_view> channel_names() { return channels; }
std::span<const std::string_view> signature_names() { return signatures; }

std::string_view to_string(Activity value) { return activities.at(static_cast<std::size_t>(value)); }
std::string_view to_string(Medium value) { return media.at(static_cast<std::size_t>(value)); }
std::string_view to_string(Channel value) { return channels.at(static_cast<std::size_t>(value)); }
std::string_view to_string(Signature value) { return signatures.at(static_cast<std::size_t>(value)); }

std::optional<Activity> parse_activity(std::string_view name) { return parse_in<Activity>(activities, name); }
std::optional<Medium> parse_medium(std::string_view name) { return parse_in<Medium>(media, name); }
std::optional<Channel> parse_channel(std::string_view name) { return parse_in<Channel>(channels, name); }
std::optional<Signature> parse_signature(std::string_view name) { return parse_in<Signature>(signatures, name); }

}  // namespace paperflow
