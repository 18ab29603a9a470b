// The fixed vocabularies of the process format: activities, media, channels
// and signatures. Each is one table of names that the loader, the reports,
// the JSON Schema and completion read, so that none can drift.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace paperflow {

// One byte each: a step holds four of them, and a process may have a
// million steps.
enum class Activity : std::uint8_t {
  fill_in, submit, receive, transcribe, scan, check, assess, request, consult, approve,
  decide, sign, print, send, pay, archive, retrieve, transport, wait, other
};
enum class Medium : std::uint8_t { paper, digital };
enum class Channel : std::uint8_t { in_person, post, phone, email, fax, online, internal };
enum class Signature : std::uint8_t { none, wet, qualified, eid };

std::span<const std::string_view> activity_names();   // in enum order
std::span<const std::string_view> medium_names();
std::span<const std::string_view> channel_names();
std::span<const std::string_view> signature_names();

std::string_view to_string(Activity value);
std::string_view to_string(Medium value);
std::string_view to_string(Channel value);
std::string_view to_string(Signature value);

std::optional<Activity> parse_activity(std::string_view name);
std::optional<Medium> parse_medium(std::string_view name);
std::optional<Channel> parse_channel(std::string_view name);
std::optional<Signature> parse_signature(std::string_view name);

}  // namespace paperflow
