// The process model: plain data for one process file, as the format
// (docs/format.md) defines it. It knows nothing of YAML or the command
// line. Every element remembers where it was written, for diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/duration.h"
#include "paperflow/vocabulary.h"

namespace paperflow {

/// A reference by id to another element, with the place it was written.
struct Reference {
  std::string id;
  SourceLocation location;
};

struct Calendar {
  double hours_per_day = 8;
  double days_per_year = 250;
};

/// An organisational unit or role that does work.
struct Unit {
  std::string id;
  std::string name;
  double staff = 0;  // people in parallel (FTE); 0 for external units
  double availability = 1;
  double cost_per_hour = 0;
  bool external = false;
  SourceLocation location;

  /// Servers of the queueing model: staff × availability.
  double servers() const { return staff * availability; }
};

/// A form, proof or notice a case carries.
struct Document {
  std::string id;
  std::string name;
  Medium medium = Medium::paper;
  SourceLocation location;
};

/// One branch of an exclusive choice.
struct Choice {
  Reference to;
  double p = 0;
  bool rework = false;
  SourceLocation location;
};

/// How a step hands a case on. An end step has none.
struct Routing {
  enum class Kind : std::uint8_t { none, next, choice, parallel };
  Kind kind = Kind::none;
  Reference next;                   // Kind::next
  std::vector<Choice> choices;      // Kind::choice
  std::vector<Reference> parallel;  // Kind::parallel: first step of each branch
  Reference join;                   // Kind::parallel: the step that waits for all branches
};

struct Step {
  std::string id;
  std::string name;
  std::optional<Reference> unit;  // absent for end steps and for steps without work and default unit
  /// An end step's `unit` as written. An end step has no unit (it does no
  /// work and never counts as a handoff), but the reference must name a
  /// unit, and the unit counts as used. Rare, so held apart: a reference
  /// in every step would cost 48 bytes more each.
  std::shared_ptr<const Reference> end_unit;
  // The one-byte fields together, so that they share eight bytes.
  Activity activity = Activity::other;
  std::optional<Medium> medium;   // absent only for end steps
  std::optional<Channel> channel;
  Signature signature = Signature::none;
  bool end = false;
  std::string it_system;
  Distribution work;   // time a person of the unit is busy
  Distribution delay;  // elapsed time that needs nobody
  std::vector<Reference> uses;
  std::vector<Reference> produces;
  Routing routing;
  SourceLocation location;
  // The measures that changed this step, in the order applied: set when a
  // plan applies them, written by the process writer as `x-changed-by`
  // (an extension key, so every tool reads the file as before).
  std::vector<std::string> changed_by;
};

/// A three-point estimate of a number (minimum, most likely, maximum), as
/// a workshop gives it: the point figures use its mean; the plan's
/// uncertainty draws it triangular.
struct ThreePoint {
  double low = 0, mode = 0, high = 0;
  double mean() const { return (low + mode + high) / 3; }
  /// The value a triangular draw falls below with probability u in [0, 1].
  double quantile(double u) const;
};

/// A value a measure's change can give: a duration, or a factor applied to
/// every parameter of the step's distribution.
struct DurationChange {
  std::optional<Distribution> value;
  std::optional<double> factor;          // the mean of factor_range when there is one
  std::optional<ThreePoint> factor_range;  // `work: [x0.5, x0.7, x0.9]`
};

/// The step attributes a measure's `set` may give new values.
struct StepPatch {
  std::optional<Activity> activity;
  std::optional<Medium> medium;
  std::optional<Channel> channel;
  std::optional<Signature> signature;
  std::optional<std::string> it_system;
  std::optional<Reference> unit;
  std::optional<DurationChange> work;
  std::optional<DurationChange> delay;
};

/// Which steps a change applies to: every given criterion must match; a
/// criterion with several values matches any of them.
struct StepSelector {
  std::vector<std::string> ids;
  std::vector<Activity> activities;
  std::vector<Medium> media;
  std::vector<Channel> channels;
  std::vector<Signature> signatures;
  std::vector<Reference> units;
  std::optional<bool> external;
  std::vector<std::string> it_systems;
  std::vector<std::string> uses;     // document ids: the step uses any of them
  std::vector<StepSelector> follows;  // none, or one `where` a step leading into this one must match
};

struct MeasureChange {
  StepSelector where;
  StepPatch set;
  bool remove = false;
  std::optional<double> rework_factor;  // `rework: x0.5`; the mean of rework_range when there is one
  std::optional<ThreePoint> rework_range;  // `rework: [x0.3, x0.4, x0.6]`
  std::optional<DurationChange> work;   // `work: x0.7` or `work: 10min`
  std::optional<DurationChange> delay;
  SourceLocation location;
};

/// Who buys a measure: each process it is applied to (`process`, the
/// default), or the organisation once for all its processes.
enum class MeasureScope { process, organisation };

/// A digitisation measure a plan can propose.
struct Measure {
  std::string id;
  std::string name;
  MeasureScope scope = MeasureScope::process;
  double one_off_cost = 0;  // EUR; the mean of one_off_range when there is one
  double yearly_cost = 0;   // EUR per year; the mean of yearly_range when there is one
  std::optional<ThreePoint> one_off_range, yearly_range;
  std::vector<Reference> requires_measures;
  std::vector<MeasureChange> changes;
  SourceLocation location;
};

struct ProcessInfo {
  std::string id;
  std::string name;
  std::string owner;
  std::string description;
  std::vector<std::string> legal_basis;
};

/// One process file. Ids are resolved by the loader: the index maps are
/// filled and every reference names an existing element when the loader
/// reports no error.
struct Process {
  std::shared_ptr<const std::string> file;
  ProcessInfo info;
  Calendar calendar;
  std::optional<double> cases_per_year;  // the mean of cases_per_year_range when there is one
  std::optional<ThreePoint> cases_per_year_range;
  SourceLocation demand_location;
  std::optional<Reference> start;  // as written; start_step() resolves the default
  std::vector<Unit> units;
  std::vector<Document> documents;
  std::vector<Step> steps;
  std::vector<Measure> measures;

  std::unordered_map<std::string, std::size_t> unit_index;
  std::unordered_map<std::string, std::size_t> document_index;
  std::unordered_map<std::string, std::size_t> step_index;

  /// Index of the first step: `start`, or the first step listed.
  std::size_t start_step() const;
  /// The unit of a step, or nullptr when it has none.
  const Unit* unit_of(const Step& step) const;
  /// Fills the index maps from the vectors (first of duplicate ids wins).
  void rebuild_indexes();
};

}  // namespace paperflow
