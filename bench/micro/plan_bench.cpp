// Micro-benchmarks of the planning hot paths: a long queue and the ATP profile.
#include <benchmark/benchmark.h>

#include <vector>

#include "core/plan.hpp"
#include "core/supply.hpp"

namespace {

using namespace backorder::core;

// A queue of 10,000 waiting lines with stock for a tenth of them.
PlanInput long_queue()
{
    PlanInput input;
    input.item.rule = Rule::DueDate;
    input.today = 9000;
    input.on_hand = 1000 * kUnit;
    for (std::int64_t id = 1; id <= 10'000; ++id) {
        OpenLine line;
        line.rank.line_id = id;
        line.rank.priority = static_cast<std::int32_t>(id % 5);
        line.rank.requested_date = input.today + static_cast<Day>(id % 60);
        line.rank.created_at = id * 1'000'000;
        line.qty = kUnit;
        line.promised_date = input.today + 14;
        input.lines.push_back(line);
    }
    for (std::int64_t id = 1; id <= 50; ++id)
        input.supplies.push_back(OpenSupply{id, input.today + static_cast<Day>(id), 100 * kUnit});
    return input;
}

void BM_PlanLongQueue(benchmark::State &state)
{
    PlanInput input = long_queue();
    for (auto _ : state) benchmark::DoNotOptimize(plan(input));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.lines.size()));
}
BENCHMARK(BM_PlanLongQueue);

void BM_AtpProfile(benchmark::State &state)
{
    std::vector<OpenSupply> supplies;
    for (std::int64_t id = 1; id <= 500; ++id)
        supplies.push_back(OpenSupply{id, 9000 + static_cast<Day>(id % 365), 10 * kUnit});
    for (auto _ : state)
        benchmark::DoNotOptimize(atp_profile(50 * kUnit, 2000 * kUnit, supplies, 9000, 365));
}
BENCHMARK(BM_AtpProfile);

}  // namespace
