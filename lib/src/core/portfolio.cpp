#include "paperflow/portfolio.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "ordered_parallel.h"
#include "paperflow/source_file.h"
#include "paperflow/validate.h"

namespace paperflow {

std::vector<std::optional<std::size_t>> shared_units_of(const Organisation& organisation, const Process& process) {
  std::vector<std::optional<std::size_t>> shared(process.units.size());
  for (std::size_t u = 0; u < process.units.size(); ++u)
    if (auto it = organisation.unit_index.find(process.units[u].id); it != organisation.unit_index.end())
      shared[u] = it->second;
  return shared;
}

Process in_organisation(const Organisation& organisation, const Process& process,
                        const std::vector<std::optional<std::size_t>>& shared_units) {
  Process copy = process;
  for (std::size_t u = 0; u < copy.units.size() && u < shared_units.size(); ++u) {
    if (!shared_units[u]) continue;
    const Unit& shared = organisation.units[*shared_units[u]];
    Unit& unit = copy.units[u];
    unit.name = shared.name;
    unit.staff = shared.staff;
    unit.availability = shared.availability;
    unit.cost_per_hour = shared.cost_per_hour;
    unit.external = shared.external;
  }
  return copy;
}

Process Portfolio::as_in_organisation(std::size_t p) const {
  return in_organisation(organisation, processes[p].process, processes[p].shared_units);
}

std::string Portfolio::unit_name(std::size_t p, std::size_t unit) const {
  const PortfolioProcess& member = processes[p];
  if (member.shared_units[unit]) return member.process.units[unit].id;
  return member.process.info.id + "/" + member.process.units[unit].id;
}

namespace {

namespace fs = std::filesystem;

bool is_process_file_name(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

// A file's identity: the same file reached by two paths is one file.
struct FileId {
  dev_t device = 0;
  ino_t inode = 0;
  auto operator<=>(const FileId&) const = default;
};

std::optional<FileId> file_id(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return FileId{info.st_dev, info.st_ino};
}

// A process file the organisation lists, found but not yet read.
struct Candidate {
  std::string opened;  // the path to open and show
  std::string listed;  // relative to the organisation file, as the JSON gives it
  std::size_t listing = 0;
  bool from_directory = false;
};

class Collector {
 public:
  Collector(const Organisation& organisation, const fs::path& base, std::optional<FileId> self,
            Diagnostics& diagnostics)
      : organisation_(organisation), base_(base), self_(self), diagnostics_(diagnostics) {}

  std::vector<Candidate> collect() {
    for (std::size_t l = 0; l < organisation_.processes.size(); ++l) {
      const ProcessListing& listing = organisation_.processes[l];
      const fs::path listed = fs::path(listing.path);
      const fs::path opened = (listed.is_absolute() ? listed : base_ / listed).lexically_normal();
      std::error_code error;
      const fs::file_status status = fs::status(opened, error);
      if (error || !fs::exists(status)) {
        problem(l, phrase_of("the process file '{}' cannot be read: {}", text_argument(escape_control_characters(listing.path)),
                             verbatim(error ? error.message() : "No such file or directory")));
        continue;
      }
      if (fs::is_directory(status)) {
        const std::size_t before = found_.size();
        std::vector<FileId> ancestors;
        walk(opened, listed, l, ancestors);
        if (found_.size() == before && !loop_reported_)
          problem(l, phrase_of("the directory '{}' holds no process file (*.yaml or *.yml)",
                               text_argument(escape_control_characters(listing.path))));
        loop_reported_ = false;
        continue;
      }
      add({opened.string(), listed.lexically_normal().generic_string(), l, false});
    }
    return std::move(found_);
  }

 private:
  void problem(std::size_t listing, Phrase message) {
    diagnostics_.push_back(
        {"organisation", Severity::error, organisation_.processes[listing].location, std::move(message)});
  }

  void add(Candidate candidate) {
    const auto id = file_id(candidate.opened);
    if (id && self_ && *id == *self_) {
      // The organisation file in a directory it lists is no process of its own.
      if (candidate.from_directory) return;
      problem(candidate.listing, phrase_of("'{}' is this organisation file, not a process file",
                                           text_argument(escape_control_characters(organisation_.processes[candidate.listing].path))));
      return;
    }
    if (id) {
      auto [it, inserted] = seen_.emplace(*id, candidate.listing);
      if (!inserted) {
        problem(candidate.listing,
                phrase_of("the process file '{}' is already listed at line {}", text_argument(escape_control_characters(candidate.listed)),
                          std::to_string(organisation_.processes[it->second].location.line)));
        return;
      }
    }
    found_.push_back(std::move(candidate));
  }

  // Every *.yaml and *.yml file below `directory`, sorted by path, hidden
  // directories skipped; links followed, and a link back to a directory
  // above reported as a loop rather than walked for ever.
  void walk(const fs::path& directory, const fs::path& listed, std::size_t listing, std::vector<FileId>& ancestors) {
    const auto id = file_id(directory);
    if (id && std::find(ancestors.begin(), ancestors.end(), *id) != ancestors.end()) {
      problem(listing, phrase_of("the directory '{}' leads back to a directory above it (a loop of links)",
                                 text_argument(escape_control_characters(listed.generic_string()))));
      loop_reported_ = true;
      return;
    }
    if (id) ancestors.push_back(*id);
    std::error_code error;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error))
      entries.push_back(it->path().filename());
    if (error)
      problem(listing, phrase_of("the directory '{}' cannot be read: {}", text_argument(escape_control_characters(listed.generic_string())),
                                 verbatim(error.message())));
    std::sort(entries.begin(), entries.end());
    for (const fs::path& name : entries) {
      const fs::path path = directory / name;
      std::error_code type_error;
      const fs::file_status status = fs::status(path, type_error);
      if (fs::is_directory(status)) {
        if (name.string().starts_with(".")) continue;
        if (leads_above(directory, path)) {
          problem(listing, phrase_of("the directory '{}' leads back to a directory above it (a loop of links)",
                                     text_argument(escape_control_characters((listed / name).generic_string()))));
          loop_reported_ = true;
          continue;
        }
        walk(path, listed / name, listing, ancestors);
        continue;
      }
      // Hidden files too: an editor's lock file (.#wohngeld.yaml) is no process.
      if (!is_process_file_name(name) || name.string().starts_with(".")) continue;
      if (type_error || !fs::exists(status)) {
        problem(listing, phrase_of("'{}' is a link that leads nowhere", text_argument(escape_control_characters((listed / name).generic_string()))));
        continue;
      }
      add({path.string(), (listed / name).lexically_normal().generic_string(), listing, true});
    }
    if (id) ancestors.pop_back();
  }

  // True when the directory `child` of `directory`, through a link, is
  // `directory` itself or one above it: walking it would go round.
  static bool leads_above(const fs::path& directory, const fs::path& child) {
    std::error_code error;
    if (!fs::is_symlink(child, error)) return false;
    const fs::path target = fs::canonical(child, error);
    if (error) return false;
    const fs::path here = fs::canonical(directory, error);
    if (error) return false;
    auto t = target.begin(), h = here.begin();
    for (; t != target.end() && h != here.end(); ++t, ++h)
      if (*t != *h) return false;
    return t == target.end();
  }

  const Organisation& organisation_;
  fs::path base_;
  std::optional<FileId> self_;
  Diagnostics& diagnostics_;
  std::vector<Candidate> found_;
  std::map<FileId, std::size_t> seen_;
  bool loop_reported_ = false;
};

// What reading and validating one listed file gives.
struct Checked {
  PortfolioFile file;
  std::optional<Diagnostic> unreadable;
  bool is_organisation = false;
  ValidationResult validation;
};

Checked check(const Candidate& candidate) {
  Checked checked;
  checked.file.path = candidate.opened;
  Diagnostic problem;
  auto text = read_file(candidate.opened, problem);
  if (!text) {
    checked.unreadable = std::move(problem);
    return checked;
  }
  checked.file.text = std::move(*text);
  if (is_organisation_text(checked.file.text)) {
    checked.is_organisation = true;
    return checked;
  }
  checked.validation = validate_process(checked.file.text, candidate.opened);
  checked.file.diagnostics = checked.validation.diagnostics;
  return checked;
}

// A number with as many decimals as it needs, up to 3: "7.8", "250", "52.5".
PhraseArgument as_written(double value) {
  int places = 0;
  while (places < 3 && value * std::pow(10, places) != std::round(value * std::pow(10, places))) ++places;
  return number_argument(value, places);
}

Phrase calendar_phrase(const Calendar& calendar) {
  return phrase_of("{} hours a day and {} days a year", as_written(calendar.hours_per_day),
                   as_written(calendar.days_per_year));
}

// A unit id several processes have, each a unit of its own: warned once, in
// the organisation file, naming the processes. External units (the
// applicant) have no queue to share and are left out.
void warn_unshared(const Organisation& organisation, const std::vector<PortfolioProcess>& processes,
                   Diagnostics& diagnostics) {
  std::map<std::string, std::vector<std::string>> users;
  std::set<std::string> internal;
  for (const PortfolioProcess& member : processes)
    for (const Unit& unit : member.process.units) {
      if (organisation.unit_index.count(unit.id)) continue;
      // The processes come in order and a process's unit ids are its own
      // (a repeated id is an error), so a process can only be the last
      // one named: a search through all of them made this quadratic.
      auto& names = users[unit.id];
      if (names.empty() || names.back() != member.process.info.id) names.push_back(member.process.info.id);
      if (!unit.external) internal.insert(unit.id);
    }
  for (const auto& [id, names] : users) {
    if (names.size() < 2 || !internal.count(id)) continue;
    std::string listed;
    const std::size_t shown = std::min<std::size_t>(names.size(), 4);
    for (std::size_t i = 0; i < shown; ++i) listed += (i ? ", " : "") + names[i];
    Phrase who = names.size() > shown
                     ? phrase_of("{} and {} more", verbatim(listed), count_argument(double(names.size() - shown)))
                     : verbatim(listed);
    diagnostics.push_back({"organisation-unshared", Severity::warning, organisation.processes_location,
                           phrase_of("the processes {} each have a unit '{}': same id, not shared; list it under "
                                     "`units` to share it",
                                     std::move(who), id)});
  }
}

}  // namespace

PortfolioValidation validate_portfolio(std::string_view text, const std::string& path, unsigned threads) {
  PortfolioValidation result;
  PortfolioFile organisation_file{path, std::string(text), {}};
  OrganisationLoadResult loaded = load_organisation(text, path);
  Diagnostics& own = organisation_file.diagnostics;
  own = std::move(loaded.diagnostics);
  if (!loaded.organisation) {
    result.files.push_back(std::move(organisation_file));
    return result;
  }
  const Organisation& organisation = *loaded.organisation;
  const bool from_stdin = path == "-" || path == "<stdin>";
  const fs::path base = from_stdin ? fs::path(".") : fs::path(path).parent_path();
  const std::vector<Candidate> candidates =
      Collector(organisation, base.empty() ? fs::path(".") : base, from_stdin ? std::nullopt : file_id(path), own)
          .collect();

  std::vector<PortfolioFile> process_files;
  std::vector<PortfolioProcess> members;
  std::map<std::string, std::size_t> first_with_id;
  bool every_process_valid = true;
  std::set<std::size_t> processes_of_listing;  // listings that gave at least one process file
  for_each_ordered(
      candidates.size(), std::max(1u, threads), [&](std::size_t c) { return check(candidates[c]); },
      [&](std::size_t c, Checked checked) {
        const Candidate& candidate = candidates[c];
        const SourceLocation& where = organisation.processes[candidate.listing].location;
        auto problem = [&](Phrase message) {
          own.push_back({"organisation", Severity::error, where, std::move(message)});
          every_process_valid = false;
        };
        if (!checked.is_organisation) processes_of_listing.insert(candidate.listing);
        if (checked.unreadable) {
          problem(phrase_of("the process file '{}' cannot be read: {}", text_argument(escape_control_characters(candidate.listed)),
                            verbatim(checked.unreadable->message.english())));
          return;
        }
        if (checked.is_organisation) {
          // A directory may hold other organisations' files; a listed one is a mistake.
          if (!candidate.from_directory)
            problem(phrase_of("'{}' is an organisation file; `processes` lists process files",
                              text_argument(escape_control_characters(candidate.listed))));
          return;
        }
        ValidationResult& validation = checked.validation;
        const bool valid = validation.valid();
        if (valid) {
          Process& process = *validation.process;
          auto [it, inserted] = first_with_id.emplace(process.info.id, c);
          if (!inserted)
            problem(phrase_of("the process id '{}' of '{}' is also the id of '{}': each process of an "
                              "organisation needs an id of its own",
                              process.info.id, text_argument(escape_control_characters(candidate.listed)),
                              text_argument(escape_control_characters(candidates[it->second].listed))));
          const Calendar& mine = process.calendar;
          if (mine.hours_per_day != organisation.calendar.hours_per_day ||
              mine.days_per_year != organisation.calendar.days_per_year)
            problem(phrase_of("'{}' has a calendar of {}, the organisation one of {}: every process of an "
                              "organisation works on its calendar (8 hours and 250 days unless written)",
                              text_argument(escape_control_characters(candidate.listed)), calendar_phrase(mine), calendar_phrase(organisation.calendar)));
          PortfolioProcess member{candidate.listed, std::move(process), std::move(*validation.graph),
                                  std::move(validation.blocks), std::move(validation.visits), {}};
          member.shared_units = shared_units_of(organisation, member.process);
          for (std::size_t u = 0; u < member.process.units.size(); ++u) {
            if (!member.shared_units[u]) continue;
            const Unit& unit = member.process.units[u];
            const Unit& shared = organisation.units[*member.shared_units[u]];
            if (unit.cost_per_hour != shared.cost_per_hour && !unit.external && !shared.external)
              checked.file.diagnostics.push_back(
                  {"organisation-cost", Severity::warning, unit.location,
                   phrase_of("unit '{}' costs {} EUR an hour here, {} EUR in the organisation '{}'; the portfolio "
                             "uses the organisation's",
                             unit.id, as_written(unit.cost_per_hour), as_written(shared.cost_per_hour),
                             organisation.id)});
          }
          members.push_back(std::move(member));
        } else {
          every_process_valid = false;
        }
        sort_by_location(checked.file.diagnostics);
        process_files.push_back(std::move(checked.file));
      });
  // A directory whose *.yaml files are all organisation files holds no
  // process file either (the collector could not tell before reading them).
  for (std::size_t l = 0; l < organisation.processes.size(); ++l) {
    const bool listed_directory = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) {
      return c.listing == l && c.from_directory;
    });
    if (listed_directory && !processes_of_listing.count(l)) {
      own.push_back({"organisation", Severity::error, organisation.processes[l].location,
                     phrase_of("the directory '{}' holds no process file (*.yaml or *.yml)",
                               text_argument(escape_control_characters(organisation.processes[l].path)))});
      every_process_valid = false;
    }
  }
  warn_unshared(organisation, members, own);
  sort_by_location(own);
  const bool valid = every_process_valid && !has_errors(own);
  result.files.push_back(std::move(organisation_file));
  for (PortfolioFile& file : process_files) result.files.push_back(std::move(file));
  if (valid) result.portfolio = Portfolio{std::move(*loaded.organisation), std::move(members)};
  return result;
}

}  // namespace paperflow
