// The season's charts as plain SVG files, one per chart.
//
// Every chart marks the promotion (id "event-promotion") and the day the
// supplier turned unreliable (id "event-supplier"); every data series is a
// <g class="series" id="series-..."> with its label in data-label, so that
// tests and people can find them.
#pragma once

#include <string>
#include <vector>

#include "metrics.hpp"
#include "season.hpp"

namespace backorder::simulate {

// Write the charts into dir; returns the file names written.
std::vector<std::string> write_charts(const Season &season, const Metrics &metrics,
                                      const std::string &dir);

}  // namespace backorder::simulate
