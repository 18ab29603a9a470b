#include "paperflow/loader.h"
#include "paperflow/organisation.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <span>
#include <unordered_set>

#include <fmt/format.h>

#include "paperflow/model_checks.h"
#include "paperflow/numbers.h"
#include "suggest.h"
#include "step_reading.h"
#include "yaml_tree.h"

namespace paperflow {
namespace {

using yaml::Node;
using Keys = std::span<const std::string_view>;

// The keys of each kind of mapping, in the order docs/format.md lists them.
constexpr std::array<std::string_view, 10> top_keys{
    "paperflow", "process", "start", "calendar", "demand", "defaults", "units", "documents", "steps", "measures"};
constexpr std::array<std::string_view, 5> process_keys{"id", "name", "owner", "description", "legal_basis"};
constexpr std::array<std::string_view, 2> calendar_keys{"hours_per_day", "days_per_year"};
constexpr std::array<std::string_view, 1> demand_keys{"cases_per_year"};
constexpr std::array<std::string_view, 6> defaults_keys{"medium", "unit", "activity", "channel", "signature", "it_system"};
constexpr std::array<std::string_view, 6> unit_keys{"id", "name", "staff", "availability", "cost_per_hour", "external"};
constexpr std::array<std::string_view, 3> document_keys{"id", "name", "medium"};
constexpr std::array<std::string_view, 16> step_keys{
    "id", "name", "unit", "activity", "medium", "channel", "signature", "it_system",
    "work", "delay", "uses", "produces", "next", "parallel", "join", "end"};
constexpr std::array<std::string_view, 3> choice_keys{"to", "p", "rework"};
constexpr std::array<std::string_view, 6> measure_keys{"id", "name", "scope", "cost", "requires", "changes"};
// An organisation file (docs/organisation.md).
constexpr std::array<std::string_view, 6> organisation_top_keys{"paperflow", "organisation", "calendar",
                                                                 "units",     "processes",    "measures"};
constexpr std::array<std::string_view, 2> organisation_keys{"id", "name"};
constexpr std::array<std::string_view, 2> cost_keys{"once", "per_year"};
// `where` first: the others are the actions a change needs one of.
constexpr std::array<std::string_view, 6> change_keys{"where", "set", "remove", "rework", "work", "delay"};
constexpr std::array<std::string_view, 10> where_keys{
    "id", "activity", "medium", "channel", "signature", "unit", "external", "it_system", "uses", "follows"};
constexpr std::array<std::string_view, 8> set_keys{
    "activity", "medium", "channel", "signature", "it_system", "unit", "work", "delay"};
constexpr std::array<std::string_view, 6> distribution_keys{"dist", "min", "mode", "max", "mean", "sd"};

Phrase kind_name(const Node* node) {
  switch (node->kind) {
    case Node::Kind::null: return phrase_of("nothing");
    case Node::Kind::scalar: return phrase_of("text");
    case Node::Kind::sequence: return phrase_of("a list");
    case Node::Kind::map: return phrase_of("a mapping");
  }
  return phrase_of("nothing");
}

// The name of a kind of element ("unit", as index_ids and check_reference
// call it) as a reader sees it.
Phrase kind_noun(std::string_view kind) {
  if (kind == "unit") return phrase_of("unit");
  if (kind == "document") return phrase_of("document");
  if (kind == "step") return phrase_of("step");
  return phrase_of("measure");
}

std::string join_names(Keys names) {
  std::string text;
  for (std::string_view name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

// The key/value pairs of one mapping, checked against the keys it may have.
class Fields {
 public:
  struct Field {
    std::string_view key;
    const Node* key_node;
    const Node* value;
  };
  bool ok = false;  // the node was a mapping
  const Node* node = nullptr;
  std::vector<Field> fields;
  // Allowed keys that an unknown key was taken for a typo of: their absence
  // is not reported again ("stafff" is one problem, not two).
  std::vector<std::string_view> misspelt;

  bool misspelt_as(std::string_view key) const {
    return std::find(misspelt.begin(), misspelt.end(), key) != misspelt.end();
  }

  const Node* get(std::string_view key) const {
    for (const Field& field : fields)
      if (field.key == key) return field.value;
    return nullptr;
  }
  const Node* key_node(std::string_view key) const {
    for (const Field& field : fields)
      if (field.key == key) return field.key_node;
    return nullptr;
  }
};

// Where an id is written: line 0 when it is not.
struct IdPlace {
  int line = 0, column = 0;
};

IdPlace id_place(const std::string& id, const Node* id_node) {
  return id.empty() || !id_node ? IdPlace{} : IdPlace{id_node->line, id_node->column};
}

class Loader {
 public:
  Loader(std::shared_ptr<const std::string> file, Diagnostics& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  bool routing_complete = true;

  // A measures file (the catalogue, --measures): `measures:` and an
  // optional `paperflow: 1`. References to steps and units are left to the
  // process the measures are applied to.
  std::vector<Measure> load_measures(const Node* root) {
    static constexpr std::array<std::string_view, 2> keys{"paperflow", "measures"};
    Process holder;
    Fields top = read_map(root, keys, phrase_of("a measures file"));
    if (!top.ok) return {};
    if (top.get("paperflow")) read_version(top);
    if (const Node* measures = require(top, "measures", phrase_of("a measures file")))
      for_each_item(measures, "measures", [&](const Node* item) { read_measure(item, holder); });
    // `requires` may name measures of other lists (the catalogue): the
    // plan reports one that is nowhere.
    std::unordered_map<std::string, std::size_t> index;
    index_ids(holder.measures, id_places_measures_, index, "measure");
    return std::move(holder.measures);
  }

  Organisation load_organisation(const Node* root) {
    Organisation organisation;
    organisation.file = file_;
    Fields top = read_map(root, organisation_top_keys, phrase_of("an organisation file"));
    if (!top.ok) return organisation;
    read_version(top);
    if (const Node* calendar = top.get("calendar")) {
      read_calendar(calendar, organisation.calendar);
      organisation.calendar_location = location(calendar);
    }
    hours_per_day_ = organisation.calendar.hours_per_day;
    if (const Node* info = require(top, "organisation", phrase_of("an organisation file"))) {
      organisation.location = location(info);
      if (!top.get("calendar")) organisation.calendar_location = organisation.location;
      Fields fields = read_map(info, organisation_keys, verbatim("organisation"));
      if (const Node* v = require(fields, "id", verbatim("organisation")))
        organisation.id = id(v, "organisation.id").value_or("");
      if (const Node* v = require(fields, "name", verbatim("organisation")))
        organisation.name = non_empty_text(v, "organisation.name").value_or("");
    }
    // The shared units read as the units of a process; a holder collects
    // them and the measures, whose readers fill a process.
    Process holder;
    if (const Node* units = top.get("units"))
      for_each_item(units, "units", [&](const Node* item) { read_unit(item, holder); });
    if (const Node* processes = require(top, "processes", phrase_of("an organisation file"))) {
      organisation.processes_location = location(processes);
      for_each_item(processes, "processes", [&](const Node* item) {
        if (auto path = non_empty_text(item, "processes")) organisation.processes.push_back({*path, location(item)});
      });
      if (processes->kind == Node::Kind::sequence && processes->children().empty())
        error("missing-key", processes,
              phrase_of("`processes` is empty: list the process files (or directories) of the organisation"));
    }
    if (const Node* measures = top.get("measures"))
      for_each_item(measures, "measures", [&](const Node* item) { read_measure(item, holder); });
    index_ids(holder.units, id_places_units_, organisation.unit_index, "unit");
    std::unordered_map<std::string, std::size_t> measure_index;
    index_ids(holder.measures, id_places_measures_, measure_index, "measure");
    organisation.units = std::move(holder.units);
    organisation.measures = std::move(holder.measures);
    return organisation;
  }

  // A process file, from a document whose steps may be streamed.
  Process load(const yaml::Document& document) {
    document_ = &document;
    return load(document.root);
  }

  Process load(const Node* root) {
    Process process;
    process.file = file_;
    Fields top = read_map(root, top_keys, phrase_of("the file"));
    if (!top.ok) {
      routing_complete = false;
      return process;
    }
    read_version(top);
    // The calendar first: durations in days and weeks depend on it.
    if (const Node* calendar = top.get("calendar")) read_calendar(calendar, process.calendar);
    hours_per_day_ = process.calendar.hours_per_day;

    if (const Node* info = require(top, "process", phrase_of("the file"))) read_process_info(info, process.info);
    if (const Node* demand = top.get("demand")) {
      process.demand_location = location(demand);
      Fields fields = read_map(demand, demand_keys, verbatim("demand"));
      if (fields.ok) {
        if (const Node* cases = require(fields, "cases_per_year", verbatim("demand")))
          process.cases_per_year =
              estimated_number(cases, "cases_per_year", number_range::cases_per_year, process.cases_per_year_range);
      }
    } else {
      warn("no-demand", root,
           phrase_of("no `demand`: add `demand: {{cases_per_year: N}}`; analyse, simulate and plan need it"));
    }
    if (const Node* start = top.get("start")) process.start = reference(start, "start");
    if (const Node* defaults = top.get("defaults")) read_defaults(defaults);

    if (const Node* units = require(top, "units", phrase_of("the file")))
      for_each_item(units, "units", [&](const Node* item) { read_unit(item, process); });
    if (const Node* documents = top.get("documents"))
      for_each_item(documents, "documents", [&](const Node* item) { read_document(item, process); });
    reserve_for(process.units, top.get("units"));
    reserve_for(process.steps, top.get("steps"));
    reserve_for(id_places_steps_, top.get("steps"));
    reserve_for(step_unit_explicit_, top.get("steps"));
    if (const Node* steps = require(top, "steps", phrase_of("the file")))
      for_each_item(steps, "steps", [&](const Node* item) { read_step(item, process); });
    if (const Node* measures = top.get("measures"))
      for_each_item(measures, "measures", [&](const Node* item) { read_measure(item, process); });

    if (const Node* units = top.get("units"); units && units->kind == Node::Kind::sequence && units->children().empty())
      error("missing-key", units, phrase_of("`units` is empty: a process needs at least one unit"));
    if (const Node* steps = top.get("steps"); steps && steps->kind == Node::Kind::sequence && item_count(steps) == 0) {
      error("missing-key", steps, phrase_of("`steps` is empty: a process needs at least one step"));
      routing_complete = false;
    }
    if (process.steps.empty()) routing_complete = false;
    // A list that could not be read (`units` written as a mapping, or no
    // `units` at all) is one error; the references into it are not checked.
    for (auto [key, kind] : {std::pair{"units", "unit"}, {"documents", "document"}, {"steps", "step"},
                             {"measures", "measure"}}) {
      const Node* list = top.get(key);
      if ((list && list->kind != Node::Kind::sequence) || (!list && std::string_view(key) == "units"))
        unreadable_lists_.insert(kind);
    }

    resolve(process);
    return process;
  }

 private:
  // ---- reporting ----------------------------------------------------------

  SourceLocation location(const Node* node) const { return {file_, node->line, node->column}; }

  void error(const char* rule, const Node* node, Phrase message) {
    diagnostics_.push_back({rule, Severity::error, location(node), std::move(message)});
  }
  void error_at(const char* rule, const SourceLocation& where, Phrase message) {
    diagnostics_.push_back({rule, Severity::error, where, std::move(message)});
  }
  void warn(const char* rule, const Node* node, Phrase message) {
    diagnostics_.push_back({rule, Severity::warning, location(node), std::move(message)});
  }

  // ---- generic readers ----------------------------------------------------

  Fields read_map(const Node* node, Keys allowed, const Phrase& context) {
    Fields result;
    result.node = node;
    if (node->kind != Node::Kind::map) {
      error("wrong-type", node, phrase_of("{} must be a mapping (key: value), not {}", context, kind_name(node)));
      return result;
    }
    result.ok = true;
    const auto& children = node->children();
    for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
      const Node* key = children[i];
      const Node* value = children[i + 1];
      if (key->kind != Node::Kind::scalar) {
        error("wrong-type", key, phrase_of("a key in {} must be text, not {}", context, kind_name(key)));
        continue;
      }
      std::string_view name = key->value();
      if (name.size() > 2 && name.substr(0, 2) == "x-") continue;  // extension keys: ignored by every tool
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        std::vector<std::string_view> candidates(allowed.begin(), allowed.end());
        if (auto hint = closest_match(name, candidates, &hint_budget_)) {
          error("unknown-key", key, phrase_of("unknown key '{}' in {}; did you mean '{}'?", name, context, *hint));
          result.misspelt.push_back(*std::find(allowed.begin(), allowed.end(), *hint));
        } else
          error("unknown-key", key,
                phrase_of("unknown key '{}' in {}; allowed keys: {} (or x-... for your own)", name, context,
                            join_names(allowed)));
        continue;
      }
      if (const Node* first = result.key_node(name)) {
        error("duplicate-key", key,
              phrase_of("key '{}' appears twice in {} (first at line {})", name, context, std::to_string(first->line)));
        continue;
      }
      result.fields.push_back({name, key, value});
    }
    return result;
  }

  const Node* require(const Fields& fields, std::string_view key, const Phrase& context) {
    if (!fields.ok) return nullptr;
    const Node* value = fields.get(key);
    if (!value && !fields.misspelt_as(key))
      error("missing-key", fields.node, phrase_of("{} needs `{}`", context, key));
    return value;
  }

  template <typename Fn>
  void for_each_item(const Node* node, std::string_view what, Fn&& fn) {
    if (node->kind != Node::Kind::sequence) {
      error("wrong-type", node, phrase_of("`{}` must be a list (items starting with -), not {}", what, kind_name(node)));
      if (what == "steps") routing_complete = false;
      return;
    }
    if (document_ && node == document_->streamed_list) {
      // The items were left out of the tree: each is read as it comes.
      if (!yaml::for_each_streamed_item(*document_, fn))
        error("limits", node, phrase_of("the items of `{}` could not be read a second time", what));
      return;
    }
    for (const Node* item : node->children()) fn(item);
  }

  // The number of items of a list, also of one streamed.
  std::size_t item_count(const Node* list) const {
    return document_ && list == document_->streamed_list ? document_->streamed_items : list->children().size();
  }

  // Room for every item of a list before reading it: a process of 100,000
  // steps would otherwise move its steps many times as the vector grows.
  template <typename T>
  void reserve_for(std::vector<T>& elements, const Node* list) const {
    if (list && list->kind == Node::Kind::sequence) elements.reserve(item_count(list));
  }

  std::optional<std::string> text(const Node* node, std::string_view what) {
    if (node->kind != Node::Kind::scalar) {
      error("wrong-type", node, phrase_of("`{}` must be text, not {}", what, kind_name(node)));
      return std::nullopt;
    }
    return std::string(node->value());
  }

  std::optional<std::string> non_empty_text(const Node* node, std::string_view what) {
    auto value = text(node, what);
    if (value && value->find_first_not_of(" \t\r\n") == std::string::npos) {
      error("bad-value", node, phrase_of("`{}` must not be empty", what));
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::string> id(const Node* node, std::string_view what) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    if (!is_valid_id(*value)) {
      error("bad-id", node,
            phrase_of("'{}' is not a valid id: use letters, digits, _ and -, starting with a letter or digit",
                        *value));
      return std::nullopt;
    }
    return value;
  }

  // The id of a unit, document, step or measure; empty when it is not a
  // valid id, which is then remembered so that the references to it do not
  // each report it again.
  std::string checked_id(const Node* node, std::string_view kind) {
    if (auto value = id(node, "id")) return *value;
    if (node->kind == Node::Kind::scalar) refused_ids_[std::string(kind)].emplace(node->value());
    return {};
  }

  std::optional<Reference> reference(const Node* node, std::string_view what) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    return Reference{*value, location(node)};
  }

  std::vector<Reference> references(const Node* node, std::string_view what) {
    std::vector<Reference> result;
    if (node->kind != Node::Kind::sequence) {
      error("wrong-type", node,
            phrase_of("`{}` must be a list of ids, e.g. [a, b], not {}", what, kind_name(node)));
      return result;
    }
    for (const Node* item : node->children())
      if (auto ref = reference(item, what)) result.push_back(std::move(*ref));
    return result;
  }

  // A number, or nothing with the reason reported. An infinity (`.inf`,
  // or digits too large for a double) is left for the caller's range to
  // refuse, whose message says what is allowed; a number too close to 0 is
  // refused here, as it would be read as 0, which the file does not say.
  std::optional<double> number(const Node* node, std::string_view what) {
    if (node->kind != Node::Kind::scalar) {
      error("wrong-type", node, phrase_of("`{}` must be a number, not {}", what, kind_name(node)));
      return std::nullopt;
    }
    std::optional<NumberReading> reading = node->plain ? read_yaml_number(node->value()) : std::nullopt;
    if (!reading) {
      error("wrong-type", node, phrase_of("`{}` must be a number, not the text '{}'", what, node->value()));
      return std::nullopt;
    }
    if (std::isnan(reading->value)) {
      error("bad-value", node, phrase_of("`{}` must be a finite number, not {}", what, node->value()));
      return std::nullopt;
    }
    if (reading->underflow) {
      error("bad-value", node,
            phrase_of("`{}`: {} is too close to 0 to tell from 0 (an underflow)", what, node->value()));
      return std::nullopt;
    }
    return reading->value;
  }

  std::optional<double> number_in(const Node* node, std::string_view what, const NumberRange& range) {
    auto value = number(node, what);
    if (!value) return std::nullopt;
    if (!range.contains(*value)) {
      error("bad-value", node, phrase_of("`{}` must be in {}, not {}", what, range.text, node->value()));
      return std::nullopt;
    }
    return value;
  }

  // A three-point estimate [minimum, most likely, maximum] of `read`'s
  // values, each at most the next.
  template <typename Read>
  std::optional<ThreePoint> three_point(const Node* node, std::string_view what, Read read) {
    if (node->children().size() != 3) {
      error("bad-value", node,
            phrase_of("`{}`: a three-point estimate has three values, [minimum, most likely, maximum]", what));
      return std::nullopt;
    }
    std::array<double, 3> v{};
    for (std::size_t k = 0; k < 3; ++k) {
      auto x = read(node->children()[k]);
      if (!x) return std::nullopt;
      v[k] = *x;
    }
    if (v[0] > v[1] || v[1] > v[2]) {
      error("bad-value", node,
            phrase_of("`{}`: a three-point estimate is [minimum, most likely, maximum], each at most the next",
                        what));
      return std::nullopt;
    }
    return ThreePoint{v[0], v[1], v[2]};
  }

  // A number in number_in's range, or a three-point estimate of such
  // numbers, whose mean is the value.
  std::optional<double> estimated_number(const Node* node, std::string_view what, const NumberRange& range,
                                         std::optional<ThreePoint>& estimate) {
    if (node->kind != Node::Kind::sequence) return number_in(node, what, range);
    estimate = three_point(node, what, [&](const Node* n) { return number_in(n, what, range); });
    if (!estimate) return std::nullopt;
    return estimate->mean();
  }

  std::optional<bool> boolean(const Node* node, std::string_view what) {
    if (node->kind == Node::Kind::scalar && node->plain) {
      const std::string_view v = node->value();
      if (v == "true" || v == "True" || v == "TRUE") return true;
      if (v == "false" || v == "False" || v == "FALSE") return false;
    }
    error("wrong-type", node,
          phrase_of("`{}` must be true or false, not {}", what,
                      node->kind == Node::Kind::scalar ? verbatim(fmt::format("'{}'", node->value())) : kind_name(node)));
    return std::nullopt;
  }

  template <typename Enum>
  std::optional<Enum> enumerated(const Node* node, std::string_view what,
                                 std::optional<Enum> (*parse)(std::string_view),
                                 std::span<const std::string_view> names) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    if (auto parsed = parse(*value)) return parsed;
    std::vector<std::string_view> candidates(names.begin(), names.end());
    if (auto hint = closest_match(*value, candidates, &hint_budget_))
      error("bad-value", node, phrase_of("unknown {} '{}'; did you mean '{}'?", what, *value, *hint));
    else
      error("bad-value", node, phrase_of("unknown {} '{}'; one of: {}", what, *value, join_names(names)));
    return std::nullopt;
  }

  std::optional<Activity> activity(const Node* node) {
    return enumerated<Activity>(node, "activity", parse_activity, activity_names());
  }
  std::optional<Medium> medium(const Node* node) {
    return enumerated<Medium>(node, "medium", parse_medium, medium_names());
  }
  std::optional<Channel> channel(const Node* node) {
    return enumerated<Channel>(node, "channel", parse_channel, channel_names());
  }
  std::optional<Signature> signature(const Node* node) {
    return enumerated<Signature>(node, "signature", parse_signature, signature_names());
  }

  // One duration value (no distribution): "15min", "2d", 0.
  std::optional<Duration> duration_value(const Node* node, std::string_view what) {
    if (node->kind != Node::Kind::scalar) {
      error("bad-duration", node,
            phrase_of("`{}` must be a duration such as 15min, not {} (accepted units: {})", what, kind_name(node),
                        accepted_duration_units()));
      return std::nullopt;
    }
    Diagnostic problem;
    auto duration = parse_duration(node->value(), &problem);
    // Days and weeks: their range on the calendar, which is read first.
    if (duration)
      if (auto out = check_duration_range(node->value(), *duration, hours_per_day_))
        problem = std::move(*out), duration.reset();
    if (!duration) error(problem.rule.c_str(), node, phrase_of("`{}`: {}", what, problem.message));
    return duration;
  }

  std::optional<Distribution> distribution(const Node* node, std::string_view what) {
    if (node->kind == Node::Kind::scalar) {
      auto duration = duration_value(node, what);
      if (!duration) return std::nullopt;
      return Distribution::written(Distribution::Kind::fixed, {*duration}, hours_per_day_);
    }
    if (node->kind == Node::Kind::sequence) {
      if (node->children().size() != 3) {
        error("bad-duration", node,
              phrase_of("`{}`: a three-point estimate has three durations [min, most likely, max], not {}", what,
                          std::to_string(node->children().size())));
        return std::nullopt;
      }
      auto low = duration_value(node->children()[0], what);
      auto mode = duration_value(node->children()[1], what);
      auto high = duration_value(node->children()[2], what);
      if (!low || !mode || !high) return std::nullopt;
      Distribution d = Distribution::written(Distribution::Kind::triangular, {*low, *mode, *high}, hours_per_day_);
      if (!d.well_formed()) {
        error("bad-duration", node, phrase_of("`{}`: a three-point estimate needs min <= most likely <= max", what));
        return std::nullopt;
      }
      return d;
    }
    if (node->kind == Node::Kind::map) return distribution_map(node, what);
    error("bad-duration", node,
          phrase_of("`{}` must be a duration such as 15min, not nothing (accepted units: {})", what,
                      accepted_duration_units()));
    return std::nullopt;
  }

  std::optional<Distribution> distribution_map(const Node* node, std::string_view what) {
    Fields fields = read_map(node, distribution_keys, phrase_of("the distribution of `{}`", what));
    const Node* dist = require(fields, "dist", phrase_of("the distribution of `{}`", what));
    if (!dist) return std::nullopt;
    auto name = text(dist, "dist");
    if (!name) return std::nullopt;
    // Which parameters each distribution takes, in the order of docs/format.md#distributions.
    static const std::map<std::string, std::vector<std::string_view>, std::less<>> parameters{
        {"triangular", {"min", "mode", "max"}},
        {"uniform", {"min", "max"}},
        {"exponential", {"mean"}},
        {"lognormal", {"mean", "sd"}},
    };
    auto found = parameters.find(*name);
    if (found == parameters.end()) {
      error("bad-duration", dist,
            phrase_of("unknown distribution '{}'; one of: triangular, uniform, exponential, lognormal", *name));
      return std::nullopt;
    }
    const auto& wanted = found->second;
    bool ok = true;
    std::map<std::string_view, Duration> values;
    for (const auto& field : fields.fields) {
      if (field.key == "dist") continue;
      if (std::find(wanted.begin(), wanted.end(), field.key) == wanted.end()) {
        error("unknown-key", field.key_node,
              phrase_of("a {} distribution takes {}, not `{}`", *name, join_names(wanted), field.key));
        ok = false;
        continue;
      }
      auto duration = duration_value(field.value, fmt::format("{}.{}", what, field.key));
      if (!duration) ok = false;
      else values[field.key] = *duration;
    }
    for (std::string_view parameter : wanted) {
      if (!fields.get(parameter)) {
        if (!fields.misspelt_as(parameter))
          error("missing-key", node, phrase_of("a {} distribution needs `{}`", *name, parameter));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    using Kind = Distribution::Kind;
    if (*name == "triangular") {
      Distribution d = Distribution::written(Kind::triangular, {values["min"], values["mode"], values["max"]},
                                             hours_per_day_);
      if (!d.well_formed()) {
        error("bad-duration", node, phrase_of("`{}`: a triangular distribution needs min <= mode <= max", what));
        return std::nullopt;
      }
      return d;
    }
    if (*name == "uniform") {
      Distribution d = Distribution::written(Kind::uniform, {values["min"], {}, values["max"]}, hours_per_day_);
      if (!d.well_formed()) {
        error("bad-duration", node, phrase_of("`{}`: a uniform distribution needs min < max", what));
        return std::nullopt;
      }
      return d;
    }
    if (values["mean"].in_hours(hours_per_day_) <= 0) {
      error("bad-duration", fields.get("mean"), phrase_of("`{}`: the mean must be greater than 0", what));
      return std::nullopt;
    }
    if (*name == "exponential") return Distribution::written(Kind::exponential, {values["mean"]}, hours_per_day_);
    return Distribution::written(Kind::lognormal, {values["mean"], values["sd"]}, hours_per_day_);
  }

  static bool is_factor(const Node* node) {
    return node->kind == Node::Kind::scalar && !node->value().empty() && node->value().front() == 'x';
  }

  std::optional<double> factor(const Node* node, std::string_view what) {
    std::optional<NumberReading> reading;
    if (is_factor(node)) reading = read_yaml_number(std::string_view(node->value()).substr(1));
    if (!reading || std::isnan(reading->value) || reading->value < 0) {
      error("bad-value", node,
            phrase_of("`{}`: '{}' is not a factor; write x and a number >= 0, e.g. x0.5", what, node->value()));
      return std::nullopt;
    }
    if (reading->underflow) {
      error("bad-value", node,
            phrase_of("`{}`: {} is too close to 0 to tell from 0 (an underflow)", what, node->value()));
      return std::nullopt;
    }
    if (!number_range::factor.contains(reading->value)) {
      error("bad-value", node,
            phrase_of("`{}`: a factor must be in {}, not '{}'", what, number_range::factor.text, node->value()));
      return std::nullopt;
    }
    return reading->value;
  }

  // A measure's duration change: a factor `x0.7`, a three-point estimate of
  // a factor `[x0.5, x0.7, x0.9]` (its mean is the factor), or a duration.
  std::optional<DurationChange> duration_change(const Node* node, std::string_view what) {
    if (is_factor(node)) {
      auto value = factor(node, what);
      if (!value) return std::nullopt;
      return DurationChange{std::nullopt, *value, std::nullopt};
    }
    if (node->kind == Node::Kind::sequence && !node->children().empty() && is_factor(node->children().front())) {
      auto range = three_point(node, what, [&](const Node* n) { return factor(n, what); });
      if (!range) return std::nullopt;
      return DurationChange{std::nullopt, range->mean(), range};
    }
    auto value = distribution(node, what);
    if (!value) return std::nullopt;
    return DurationChange{*value, std::nullopt, std::nullopt};
  }

  // ---- the sections ------------------------------------------------------

  void read_version(const Fields& top) {
    const Node* version = top.get("paperflow");
    if (!version) {
      error("version", top.node, phrase_of("the file must start with `paperflow: 1` (the format version)"));
      return;
    }
    // A quoted "1" is text, which YAML never reads as the number.
    if (version->kind == Node::Kind::scalar && !version->plain && read_yaml_number(version->value())) {
      error("version", version,
            phrase_of("the format version is a number, not the text \"{}\": write `paperflow: 1` without quotes",
                        version->value()));
      return;
    }
    auto value = version->kind == Node::Kind::scalar && version->plain ? read_yaml_number(version->value())
                                                                       : std::nullopt;
    if (!value || value->value != 1)
      error("version", version,
            phrase_of("format version {} is not supported; this paperflow reads `paperflow: 1`",
                        version->kind == Node::Kind::scalar ? verbatim(fmt::format("'{}'", version->value())) : kind_name(version)));
  }

  void read_calendar(const Node* node, Calendar& calendar) {
    Fields fields = read_map(node, calendar_keys, verbatim("calendar"));
    if (const Node* hours = fields.get("hours_per_day"))
      if (auto v = number_in(hours, "hours_per_day", number_range::hours_per_day)) calendar.hours_per_day = *v;
    if (const Node* days = fields.get("days_per_year"))
      if (auto v = number_in(days, "days_per_year", number_range::days_per_year)) calendar.days_per_year = *v;
  }

  void read_process_info(const Node* node, ProcessInfo& info) {
    Fields fields = read_map(node, process_keys, verbatim("process"));
    if (const Node* v = require(fields, "id", verbatim("process"))) info.id = id(v, "process.id").value_or("");
    if (const Node* v = require(fields, "name", verbatim("process"))) info.name = non_empty_text(v, "process.name").value_or("");
    if (const Node* v = fields.get("owner")) info.owner = text(v, "owner").value_or("");
    if (const Node* v = fields.get("description")) info.description = text(v, "description").value_or("");
    if (const Node* v = fields.get("legal_basis")) {
      if (v->kind != Node::Kind::sequence) {
        error("wrong-type", v, phrase_of("`legal_basis` must be a list of text, e.g. [StVO § 45], not {}", kind_name(v)));
      } else {
        for (const Node* item : v->children())
          if (auto t = text(item, "legal_basis")) info.legal_basis.push_back(*t);
      }
    }
  }

  void read_defaults(const Node* node) {
    Fields fields = read_map(node, defaults_keys, verbatim("defaults"));
    if (const Node* v = fields.get("medium")) defaults_.medium = medium(v);
    if (const Node* v = fields.get("unit")) defaults_.unit = reference(v, "defaults.unit");
    if (const Node* v = fields.get("activity")) defaults_.activity = activity(v);
    if (const Node* v = fields.get("channel")) defaults_.channel = channel(v);
    if (const Node* v = fields.get("signature")) defaults_.signature = signature(v);
    if (const Node* v = fields.get("it_system")) defaults_.it_system = text(v, "it_system");
  }

  void read_unit(const Node* node, Process& process) {
    Fields fields = read_map(node, unit_keys, phrase_of("a unit"));
    if (!fields.ok) return;
    Unit unit;
    unit.location = location(node);
    const Node* id_node = require(fields, "id", phrase_of("a unit"));
    if (id_node) unit.id = checked_id(id_node, "unit");
    const Phrase context = unit.id.empty() ? phrase_of("a unit") : phrase_of("unit '{}'", unit.id);
    if (const Node* v = require(fields, "name", context)) unit.name = non_empty_text(v, "name").value_or("");
    if (const Node* v = fields.get("external")) unit.external = boolean(v, "external").value_or(false);
    if (const Node* v = fields.get("staff")) {
      if (auto staff = number_in(v, "staff", number_range::staff)) unit.staff = *staff;
    } else if (!unit.external && !fields.misspelt_as("staff")) {
      error("missing-key", node, phrase_of("{} needs `staff` (people working on this process) or `external: true`", context));
    }
    if (const Node* v = fields.get("availability"))
      if (auto a = number_in(v, "availability", number_range::availability)) unit.availability = *a;
    if (const Node* v = fields.get("cost_per_hour"))
      if (auto c = number_in(v, "cost_per_hour", number_range::cost_per_hour)) unit.cost_per_hour = *c;
    id_places_units_.push_back(id_place(unit.id, id_node));
    process.units.push_back(std::move(unit));
  }

  void read_document(const Node* node, Process& process) {
    Fields fields = read_map(node, document_keys, phrase_of("a document"));
    if (!fields.ok) return;
    Document document;
    document.location = location(node);
    const Node* id_node = require(fields, "id", phrase_of("a document"));
    if (id_node) document.id = checked_id(id_node, "document");
    const Phrase context = document.id.empty() ? phrase_of("a document") : phrase_of("document '{}'", document.id);
    if (const Node* v = require(fields, "name", context)) document.name = non_empty_text(v, "name").value_or("");
    if (const Node* v = fields.get("medium")) document.medium = medium(v).value_or(Medium::paper);
    id_places_documents_.push_back(id_place(document.id, id_node));
    process.documents.push_back(std::move(document));
  }

  // The measures a plan's --emit-after says changed a step (`x-changed-by`,
  // an extension key: a value of another shape is ignored, never an error),
  // so that the diagram of the written file shows them.
  static std::vector<std::string> changed_by(const Node* step) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i + 1 < step->children().size(); i += 2) {
      const Node* key = step->children()[i];
      const Node* value = step->children()[i + 1];
      if (key->kind != Node::Kind::scalar || key->value() != "x-changed-by" || value->kind != Node::Kind::sequence)
        continue;
      for (const Node* item : value->children())
        if (item->kind == Node::Kind::scalar && item->value().size() <= 200) ids.emplace_back(item->value());
    }
    return ids;
  }

  void read_step(const Node* node, Process& process) {
    Fields fields = read_map(node, step_keys, phrase_of("a step"));
    if (!fields.ok) {
      routing_complete = false;
      return;
    }
    Step step;
    step.location = location(node);
    const Node* id_node = require(fields, "id", phrase_of("a step"));
    if (id_node) step.id = checked_id(id_node, "step");
    if (step.id.empty()) routing_complete = false;
    const Phrase context = step.id.empty() ? phrase_of("a step") : phrase_of("step '{}'", step.id);
    step.changed_by = changed_by(node);
    if (const Node* v = require(fields, "name", context)) step.name = non_empty_text(v, "name").value_or("");
    const Node* end_node = fields.get("end");
    const std::optional<bool> end = end_node ? boolean(end_node, "end") : std::nullopt;
    step.end = end.value_or(false);
    // With `end: yes` or a misspelt `ende:` nobody knows whether this is an
    // end step: report neither what an end step must lack nor what the
    // other steps need (one mistake, one error).
    const bool end_unknown = (end_node && !end) || fields.misspelt_as("end");
    if (end_unknown) routing_complete = false;

    if (const Node* v = fields.get("activity")) step.activity = activity(v).value_or(Activity::other);
    else if (!step.end && defaults_.activity) step.activity = *defaults_.activity;
    if (const Node* v = fields.get("channel")) step.channel = channel(v);
    else if (!step.end) step.channel = defaults_.channel;
    if (const Node* v = fields.get("signature")) step.signature = signature(v).value_or(Signature::none);
    else if (!step.end && defaults_.signature) step.signature = *defaults_.signature;
    if (const Node* v = fields.get("it_system")) step.it_system = text(v, "it_system").value_or("");
    else if (!step.end && defaults_.it_system) step.it_system = *defaults_.it_system;
    if (const Node* v = fields.get("work")) step.work = distribution(v, "work").value_or(Distribution{});
    if (const Node* v = fields.get("delay")) step.delay = distribution(v, "delay").value_or(Distribution{});
    if (const Node* v = fields.get("uses")) step.uses = references(v, "uses");
    if (const Node* v = fields.get("produces")) step.produces = references(v, "produces");

    // End steps have no unit and no medium: they never count as handoffs or
    // media breaks (docs/format.md#per-case-figures).
    const Node* unit_node = fields.get("unit");
    if (unit_node) step.unit = reference(unit_node, "unit");
    else if (!step.end && defaults_.unit) step.unit = Reference{defaults_.unit->id, location(node)};
    if (const Node* v = fields.get("medium")) step.medium = medium(v);
    else if (!step.end) step.medium = defaults_.medium;
    if (step.end) {
      if (unit_node && step.unit) step.end_unit = std::make_shared<const Reference>(*step.unit);
      step.unit.reset();
      step.medium.reset();
    } else if (!end_unknown) {
      if (!fields.get("medium") && !defaults_.medium && !fields.misspelt_as("medium"))
        error("missing-key", node, phrase_of("{} needs `medium` (paper or digital), or set defaults.medium", context));
      if (auto d = check_work_has_unit(step, location(node))) diagnostics_.push_back(std::move(*d));
    }
    read_routing(fields, step, context, end_unknown);
    id_places_steps_.push_back(id_place(step.id, id_node));
    // A unit taken from defaults is checked once, at defaults.unit.
    step_unit_explicit_.push_back(unit_node != nullptr && !step.end);
    process.steps.push_back(std::move(step));
  }

  void read_routing(const Fields& fields, Step& step, const Phrase& context, bool end_unknown) {
    const Node* next = fields.get("next");
    const Node* parallel = fields.get("parallel");
    const Node* join = fields.get("join");
    if (step.end) {
      for (const char* key : {"next", "parallel", "join"})
        if (const Node* v = fields.key_node(key))
          error("routing", v, phrase_of("end {} has `{}`: an end step has no routing", context, key));
      for (const char* key : {"work", "delay"}) {
        const Node* v = fields.get(key);
        if (v && (v->kind != Node::Kind::scalar || v->value() != "0"))
          error("routing", fields.key_node(key), phrase_of("end {} has `{}`: an end step takes no time", context, key));
      }
      return;
    }
    if (next && parallel) {
      error("routing", fields.key_node("parallel"),
            phrase_of("{} has both `next` and `parallel`; a step has exactly one kind of routing", context));
      routing_complete = false;
      return;
    }
    if (!next && !parallel) {
      if (!fields.misspelt_as("next") && !fields.misspelt_as("parallel") && !end_unknown)
        error("routing", fields.node,
            phrase_of("{} has no routing: give it `next`, `parallel` with `join`, or mark it `end: true`", context));
      routing_complete = false;
      return;
    }
    if (next) {
      if (join) error("routing", fields.key_node("join"), phrase_of("{}: `join` belongs with `parallel`, not `next`", context));
      if (next->kind == Node::Kind::sequence) {
        read_choices(next, step, context);
      } else if (auto ref = reference(next, "next")) {
        step.routing.kind = Routing::Kind::next;
        step.routing.next = std::move(*ref);
      } else {
        routing_complete = false;
      }
      return;
    }
    step.routing.kind = Routing::Kind::parallel;
    step.routing.parallel = references(parallel, "parallel");
    if (parallel->kind != Node::Kind::sequence) routing_complete = false;
    else if (step.routing.parallel.size() != parallel->children().size()) routing_complete = false;
    if (parallel->kind == Node::Kind::sequence && parallel->children().empty()) {
      error("routing", parallel, phrase_of("{}: `parallel` needs at least one branch", context));
      routing_complete = false;
    }
    if (!join) {
      error("routing", fields.key_node("parallel"),
            phrase_of("{} has `parallel` but no `join`: name the step that waits for all branches", context));
      routing_complete = false;
    } else if (auto ref = reference(join, "join")) {
      step.routing.join = std::move(*ref);
    } else {
      routing_complete = false;
    }
  }

  void read_choices(const Node* next, Step& step, const Phrase& context) {
    step.routing.kind = Routing::Kind::choice;
    if (next->children().empty()) {
      error("routing", next, phrase_of("{}: `next` is an empty list; give one step or choices with `to` and `p`", context));
      routing_complete = false;
      return;
    }
    bool all_read = true;
    for (const Node* item : next->children()) {
      if (item->kind == Node::Kind::scalar) {
        error("wrong-type", item,
              phrase_of("a choice is a mapping with `to` and `p`, e.g. {{to: {}, p: 0.5}}; for one successor "
                          "write `next: {}`",
                          item->value(), item->value()));
        all_read = false;
        continue;
      }
      Fields fields = read_map(item, choice_keys, phrase_of("a choice"));
      if (!fields.ok) {
        all_read = false;
        continue;
      }
      Choice choice;
      choice.location = location(item);
      const Node* to = require(fields, "to", phrase_of("a choice"));
      const Node* p = require(fields, "p", phrase_of("a choice"));
      std::optional<Reference> target = to ? reference(to, "to") : std::nullopt;
      double probability = -1;  // -1: missing or not a number
      if (p) {
        if (auto value = number(p, "p")) {
          probability = *value;
          if (!(probability > 0 && probability <= 1)) {
            error("probabilities", p, phrase_of("probability {} is outside (0, 1]", p->value()));
            probability = -1;
          }
        }
      }
      if (const Node* v = fields.get("rework")) choice.rework = boolean(v, "rework").value_or(false);
      if (!target || probability < 0) {
        all_read = false;
        continue;
      }
      choice.to = std::move(*target);
      choice.p = probability;
      step.routing.choices.push_back(std::move(choice));
    }
    if (!all_read) {
      routing_complete = false;
      return;
    }
    if (auto d = check_choice_sum(step, location(next))) diagnostics_.push_back(std::move(*d));
  }

  void read_measure(const Node* node, Process& process) {
    Fields fields = read_map(node, measure_keys, phrase_of("a measure"));
    if (!fields.ok) return;
    Measure measure;
    measure.location = location(node);
    const Node* id_node = require(fields, "id", phrase_of("a measure"));
    if (id_node) measure.id = checked_id(id_node, "measure");
    const Phrase context = measure.id.empty() ? phrase_of("a measure") : phrase_of("measure '{}'", measure.id);
    if (const Node* v = require(fields, "name", context)) measure.name = non_empty_text(v, "name").value_or("");
    if (const Node* v = fields.get("scope")) {
      if (auto scope = text(v, "scope")) {
        if (*scope == "organisation") measure.scope = MeasureScope::organisation;
        else if (*scope != "process")
          error("bad-value", v, phrase_of("`scope` must be `process` or `organisation`, not '{}'", *scope));
      }
    }
    if (const Node* v = fields.get("cost")) {
      Fields cost = read_map(v, cost_keys, verbatim("cost"));
      if (const Node* once = cost.get("once"))
        measure.one_off_cost =
            estimated_number(once, "once", number_range::cost_eur, measure.one_off_range).value_or(0);
      if (const Node* yearly = cost.get("per_year"))
        measure.yearly_cost =
            estimated_number(yearly, "per_year", number_range::cost_eur, measure.yearly_range).value_or(0);
    }
    if (const Node* v = fields.get("requires")) measure.requires_measures = references(v, "requires");
    if (const Node* v = require(fields, "changes", context)) {
      if (v->kind == Node::Kind::sequence && v->children().empty())
        error("missing-key", v, phrase_of("{} has no changes", context));
      for_each_item(v, "changes", [&](const Node* item) { read_change(item, measure); });
    }
    id_places_measures_.push_back(id_place(measure.id, id_node));
    process.measures.push_back(std::move(measure));
  }

  void read_change(const Node* node, Measure& measure) {
    Fields fields = read_map(node, change_keys, phrase_of("a change"));
    if (!fields.ok) return;
    MeasureChange change;
    change.location = location(node);
    if (const Node* where = require(fields, "where", phrase_of("a change"))) read_selector(where, change.where);
    bool does_something = false;
    if (const Node* v = fields.get("set")) {
      read_patch(v, change.set);
      does_something = true;
    }
    if (const Node* v = fields.get("remove")) {
      change.remove = boolean(v, "remove").value_or(false);
      does_something = true;
    }
    if (const Node* v = fields.get("rework")) {
      does_something = true;
      auto scale = duration_change(v, "rework");
      if (scale && scale->factor) change.rework_factor = scale->factor, change.rework_range = scale->factor_range;
      else if (scale) error("bad-value", v, phrase_of("`rework` takes a factor such as x0.5, not a duration"));
    }
    if (const Node* v = fields.get("work")) {
      does_something = true;
      change.work = duration_change(v, "work");
    }
    if (const Node* v = fields.get("delay")) {
      does_something = true;
      change.delay = duration_change(v, "delay");
    }
    const bool action_misspelt = std::any_of(change_keys.begin() + 1, change_keys.end(),
                                             [&](std::string_view key) { return fields.misspelt_as(key); });
    if (!does_something && !action_misspelt)
      error("missing-key", node, phrase_of("a change needs at least one of `set`, `remove`, `rework`, `work`, `delay`"));
    measure.changes.push_back(std::move(change));
  }

  template <typename T>
  std::vector<T> one_or_many(const Node* node, std::optional<T> (Loader::*read)(const Node*)) {
    std::vector<T> values;
    if (node->kind == Node::Kind::sequence) {
      for (const Node* item : node->children())
        if (auto value = (this->*read)(item)) values.push_back(*value);
    } else if (auto value = (this->*read)(node)) {
      values.push_back(*value);
    }
    return values;
  }
  std::optional<std::string> where_text(const Node* node) { return text(node, "where"); }
  std::optional<Reference> where_unit(const Node* node) { return reference(node, "unit"); }

  void read_selector(const Node* node, StepSelector& where) {
    Fields fields = read_map(node, where_keys, verbatim("where"));
    if (const Node* v = fields.get("id")) where.ids = one_or_many<std::string>(v, &Loader::where_text);
    if (const Node* v = fields.get("activity")) where.activities = one_or_many<Activity>(v, &Loader::activity);
    if (const Node* v = fields.get("medium")) where.media = one_or_many<Medium>(v, &Loader::medium);
    if (const Node* v = fields.get("channel")) where.channels = one_or_many<Channel>(v, &Loader::channel);
    if (const Node* v = fields.get("signature")) where.signatures = one_or_many<Signature>(v, &Loader::signature);
    if (const Node* v = fields.get("unit")) where.units = one_or_many<Reference>(v, &Loader::where_unit);
    if (const Node* v = fields.get("external")) where.external = boolean(v, "external");
    if (const Node* v = fields.get("it_system")) where.it_systems = one_or_many<std::string>(v, &Loader::where_text);
    // Document ids are not checked against the process: a catalogue measure
    // names documents that only some processes have.
    if (const Node* v = fields.get("uses")) where.uses = one_or_many<std::string>(v, &Loader::where_text);
    if (const Node* v = fields.get("follows")) {
      if (v->kind != Node::Kind::map) {
        error("wrong-type", v,
              phrase_of("`follows` is a `where` of its own, e.g. {{activity: submit, channel: post}}, not {}",
                          kind_name(v)));
      } else {
        StepSelector before;
        read_selector(v, before);
        where.follows.push_back(std::move(before));
      }
    }
    if (fields.ok) {
      for (const auto& field : fields.fields)
        if (field.key == "id")
          for (const Node* item : field.value->kind == Node::Kind::sequence ? field.value->children()
                                                                              : std::span<const Node* const>(&field.value, 1))
            if (item->kind == Node::Kind::scalar) where_step_ids_.push_back(Reference{std::string(item->value()), location(item)});
    }
  }

  void read_patch(const Node* node, StepPatch& set) {
    Fields fields = read_map(node, set_keys, verbatim("set"));
    if (const Node* v = fields.get("activity")) set.activity = activity(v);
    if (const Node* v = fields.get("medium")) set.medium = medium(v);
    if (const Node* v = fields.get("channel")) set.channel = channel(v);
    if (const Node* v = fields.get("signature")) set.signature = signature(v);
    if (const Node* v = fields.get("it_system")) set.it_system = text(v, "it_system");
    if (const Node* v = fields.get("unit")) set.unit = reference(v, "unit");
    if (const Node* v = fields.get("work")) set.work = duration_change(v, "work");
    if (const Node* v = fields.get("delay")) set.delay = duration_change(v, "delay");
  }

  // ---- ids and references ------------------------------------------------

  template <typename Element>
  void index_ids(const std::vector<Element>& elements, const std::vector<IdPlace>& id_places,
                 std::unordered_map<std::string, std::size_t>& index, std::string_view kind) {
    index.clear();
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const std::string& id = elements[i].id;
      if (id.empty()) continue;
      auto [it, inserted] = index.emplace(id, i);
      if (!inserted) {
        const SourceLocation& first = elements[it->second].location;
        const IdPlace where = i < id_places.size() ? id_places[i] : IdPlace{};
        error_at("duplicate-id", where.line ? SourceLocation{file_, where.line, where.column} : elements[i].location,
                 phrase_of("duplicate {} id '{}' (first defined at line {})", kind_noun(kind), id, std::to_string(first.line)));
        if (kind == "step") routing_complete = false;
      }
    }
  }

  void check_reference(const Reference& ref, const std::unordered_map<std::string, std::size_t>& index,
                       std::string_view kind, bool is_routing) {
    if (ref.id.empty() || index.count(ref.id)) return;
    // An id already refused as invalid, or a list not read: its error is the one problem.
    if (unreadable_lists_.count(kind)) {
      if (is_routing) routing_complete = false;
      return;
    }
    if (auto refused = refused_ids_.find(kind); refused != refused_ids_.end() && refused->second.count(ref.id)) {
      if (is_routing) routing_complete = false;
      return;
    }
    // The ids in order, once per kind: sorted for every unknown reference,
    // 20,000 of them cost minutes.
    std::vector<std::string_view>& candidates = sorted_ids_[std::string(kind)];
    if (candidates.empty()) {
      candidates.reserve(index.size());
      for (const auto& [id, _] : index) candidates.push_back(id);
      std::sort(candidates.begin(), candidates.end());
    }
    if (auto hint = closest_match(ref.id, candidates, &hint_budget_))
      error_at("unknown-reference", ref.location,
               phrase_of("no {} has the id '{}'; did you mean '{}'?", kind_noun(kind), ref.id, *hint));
    else
      error_at("unknown-reference", ref.location, phrase_of("no {} has the id '{}'", kind_noun(kind), ref.id));
    if (is_routing) routing_complete = false;
  }

  void resolve(Process& process) {
    index_ids(process.units, id_places_units_, process.unit_index, "unit");
    index_ids(process.documents, id_places_documents_, process.document_index, "document");
    index_ids(process.steps, id_places_steps_, process.step_index, "step");
    std::unordered_map<std::string, std::size_t> measure_index;
    index_ids(process.measures, id_places_measures_, measure_index, "measure");

    if (process.start) check_reference(*process.start, process.step_index, "step", true);
    if (defaults_.unit) check_reference(*defaults_.unit, process.unit_index, "unit", false);
    for (std::size_t i = 0; i < process.steps.size(); ++i) {
      const Step& step = process.steps[i];
      if (step.unit && step_unit_explicit_[i]) check_reference(*step.unit, process.unit_index, "unit", false);
      if (step.end_unit) check_reference(*step.end_unit, process.unit_index, "unit", false);
      for (const Reference& ref : step.uses) check_reference(ref, process.document_index, "document", false);
      for (const Reference& ref : step.produces) check_reference(ref, process.document_index, "document", false);
      const Routing& routing = step.routing;
      switch (routing.kind) {
        case Routing::Kind::next: check_reference(routing.next, process.step_index, "step", true); break;
        case Routing::Kind::choice:
          for (const Choice& choice : routing.choices) check_reference(choice.to, process.step_index, "step", true);
          break;
        case Routing::Kind::parallel:
          for (const Reference& ref : routing.parallel) check_reference(ref, process.step_index, "step", true);
          check_reference(routing.join, process.step_index, "step", true);
          break;
        case Routing::Kind::none: break;
      }
    }
    for (const Measure& measure : process.measures) {
      for (const Reference& ref : measure.requires_measures)
        check_reference(ref, measure_index, "measure", false);
      for (const MeasureChange& change : measure.changes) {
        for (const Reference& ref : change.where.units) check_reference(ref, process.unit_index, "unit", false);
        if (change.set.unit) check_reference(*change.set.unit, process.unit_index, "unit", false);
      }
    }
    for (const Reference& ref : where_step_ids_) check_reference(ref, process.step_index, "step", false);
    sorted_ids_.clear();  // views into the indexes, measure_index among them, which ends here
  }

  struct Defaults {
    std::optional<Medium> medium;
    std::optional<Reference> unit;
    std::optional<Activity> activity;
    std::optional<Channel> channel;
    std::optional<Signature> signature;
    std::optional<std::string> it_system;
  };

  std::shared_ptr<const std::string> file_;
  const yaml::Document* document_ = nullptr;  // when its steps may be streamed
  Diagnostics& diagnostics_;
  double hours_per_day_ = 8;
  Defaults defaults_;
  // Where each element's id is written (line 0: it has none), parallel to
  // the model's vectors, so that a duplicate id is reported there.
  // Places, not nodes: a step's nodes are gone once it is read
  // (yaml::for_each_streamed_item).
  std::vector<IdPlace> id_places_units_, id_places_documents_, id_places_steps_, id_places_measures_;
  std::vector<bool> step_unit_explicit_;
  // Ids refused by bad-id, by kind of element ("unit", "step", ...).
  std::map<std::string, std::unordered_set<std::string>, std::less<>> refused_ids_;
  // Kinds of element whose list could not be read.
  std::set<std::string, std::less<>> unreadable_lists_;
  std::map<std::string, std::vector<std::string_view>, std::less<>> sorted_ids_;  // by kind, for hints
  HintBudget hint_budget_;  // what "did you mean" may cost in this file
  std::vector<Reference> where_step_ids_;
};

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(id[i]);
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;  // any non-ASCII character
    bool digit = c >= '0' && c <= '9';
    if (i == 0 && !(letter || digit)) return false;
    if (!(letter || digit || c == '_' || c == '-')) return false;
  }
  return true;
}

std::span<const std::string_view> allowed_keys(std::string_view context) {
  static const std::map<std::string_view, Keys> table{
      {"top", top_keys},           {"process", process_keys}, {"calendar", calendar_keys},
      {"demand", demand_keys},     {"defaults", defaults_keys}, {"unit", unit_keys},
      {"document", document_keys}, {"step", step_keys},       {"choice", choice_keys},
      {"measure", measure_keys},   {"cost", cost_keys},       {"change", change_keys},
      {"where", where_keys},       {"set", set_keys},         {"distribution", distribution_keys},
      {"organisation-file", organisation_top_keys}, {"organisation", organisation_keys},
  };
  auto it = table.find(context);
  return it == table.end() ? Keys{} : it->second;
}

LoadResult load_process(std::string_view text, const std::string& file_name) {
  return load_process(text, file_name, StepReading::streamed);
}

LoadResult load_process(std::string_view text, const std::string& file_name, StepReading reading) {
  LoadResult result;
  auto file = std::make_shared<const std::string>(file_name);
  // Streamed, the steps are read one at a time, so that their nodes never
  // all exist at once: a file's memory is then mostly its model.
  yaml::Document document =
      yaml::parse(text, file, result.diagnostics, {}, reading == StepReading::streamed ? "steps" : "");
  if (!document.root) return result;
  Loader loader(file, result.diagnostics);
  result.process = loader.load(document);
  result.routing_complete = loader.routing_complete;
  sort_by_location(result.diagnostics);
  return result;
}

OrganisationLoadResult load_organisation(std::string_view text, const std::string& file_name) {
  OrganisationLoadResult result;
  auto file = std::make_shared<const std::string>(file_name);
  yaml::Document document = yaml::parse(text, file, result.diagnostics);
  if (!document.root) return result;
  Loader loader(file, result.diagnostics);
  result.organisation = loader.load_organisation(document.root);
  sort_by_location(result.diagnostics);
  return result;
}

bool is_organisation_text(std::string_view text) {
  if (text.find("organisation") == std::string_view::npos) return false;
  Diagnostics ignored;
  // Only the top-level keys matter: the steps are not even built.
  yaml::Document document = yaml::parse(text, std::make_shared<const std::string>(), ignored, {}, "steps");
  const Node* root = document.root;
  if (!root || root->kind != Node::Kind::map) return false;
  for (std::size_t i = 0; i + 1 < root->children().size(); i += 2)
    if (root->children()[i]->kind == Node::Kind::scalar && root->children()[i]->value() == "organisation") return true;
  return false;
}

MeasuresLoadResult load_measures(std::string_view text, const std::string& file_name) {
  MeasuresLoadResult result;
  auto file = std::make_shared<const std::string>(file_name);
  yaml::Document document = yaml::parse(text, file, result.diagnostics);
  if (!document.root) return result;
  Loader loader(file, result.diagnostics);
  result.measures = loader.load_measures(document.root);
  sort_by_location(result.diagnostics);
  return result;
}

}  // namespace paperflow
