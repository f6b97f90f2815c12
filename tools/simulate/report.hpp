// The narrated report of a season, and its figures as CSV.
#pragma once

#include <string>
#include <vector>

#include "metrics.hpp"
#include "season.hpp"

namespace backorder::simulate {

// The report a person reads: what happened, how customers were served, the
// worst skus and why. Depends only on the season, so one seed gives one text.
std::string narrate(const Season &season, const Metrics &metrics,
                    const std::vector<std::string> &charts);

// One row per day with the figures the charts draw.
std::string daily_csv(const Season &season, const Metrics &metrics);

// A page that shows the report and the charts together.
std::string index_html(const std::string &report, const std::vector<std::string> &charts);

}  // namespace backorder::simulate
