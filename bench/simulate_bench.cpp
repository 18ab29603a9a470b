// Simulation speed: events per second of paperflow's engine on one core,
// one replication, for a process file. An event is an arrival, or a case's
// step starting or finishing (the same count bench/simpy_model.py makes).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "paperflow/simulation.h"
#include "paperflow/source_file.h"
#include "paperflow/validate.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: paperflow-bench-simulate FILE [CASES]\n");
    return 2;
  }
  paperflow::Diagnostic problem;
  auto text = paperflow::read_file(argv[1], problem);
  if (!text) {
    std::fprintf(stderr, "cannot read %s: %s\n", argv[1], problem.message.english().c_str());
    return 2;
  }
  auto validated = paperflow::validate_process(*text, argv[1]);
  if (!validated.valid()) {
    std::fprintf(stderr, "%s is not a valid process\n", argv[1]);
    return 2;
  }
  paperflow::SimulationOptions options;
  options.cases = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200000;
  options.replications = 1;
  options.threads = 1;
  const auto start = std::chrono::steady_clock::now();
  auto result = paperflow::simulate(*validated.process, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("cases %zu events %llu seconds %.3f events_per_second %.0f\n", result.cases_completed,
              static_cast<unsigned long long>(result.events), seconds, static_cast<double>(result.events) / seconds);
  return 0;
}
