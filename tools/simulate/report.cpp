// The narrated report of a season, and its figures as CSV.
#include "report.hpp"

#include <cstdio>
#include <sstream>

#include "calendar.hpp"

namespace backorder::simulate {
namespace {

// 12,345
std::string count(std::int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (value < 0 ? "-" : "") + out;
}

std::string fixed(double value, int decimals)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string percent(double part, double whole)
{
    return whole > 0 ? fixed(100.0 * part / whole, 1) + "%" : "n/a";
}

std::string plural(std::int64_t n, const std::string &word)
{
    return count(n) + " " + word + (n == 1 ? "" : "s");
}

// Wrap text at 96 columns; continued lines are indented by hang more.
std::string wrap(const std::string &text, std::size_t indent, std::size_t hang = 2)
{
    std::string out, line(indent, ' ');
    std::istringstream words(text);
    std::string word;
    bool first = true;
    while (words >> word) {
        if (!first && line.size() + 1 + word.size() > 96) {
            out += line + "\n";
            line = std::string(indent + hang, ' ');
            first = true;
        }
        line += (first ? "" : " ") + word;
        first = false;
    }
    return out + line + "\n";
}

std::string chart_description(const std::string &chart)
{
    if (chart == "backorder_rate.svg") return "back-order rate per day, by channel";
    if (chart == "queue.svg") return "queue length and aging";
    if (chart == "fill_rate.svg") return "fill rate by channel";
    if (chart == "promises.svg") return "promised against actual ship dates";
    return chart;
}

}  // namespace

std::string narrate(const Season &season, const Metrics &m, const std::vector<std::string> &charts)
{
    const World &world = season.world();
    const DayStats &last = season.days().back();
    const Retailer &promo = world.retailers[static_cast<std::size_t>(world.promo_retailer)];
    const Supplier &troubled = world.suppliers[static_cast<std::size_t>(world.unreliable_supplier)];
    std::ostringstream out;

    out << "pg_backorder season simulation\n";
    out << wrap("seed " + std::to_string(world.seed) + ": " + std::to_string(world.days) +
                    " days from " + iso_date(world.start) + " to " +
                    iso_date(world.start + world.days - 1) + ", " +
                    plural(static_cast<std::int64_t>(world.skus.size()), "sku") + ", " +
                    plural(static_cast<std::int64_t>(world.suppliers.size()), "supplier") + ", " +
                    plural(static_cast<std::int64_t>(world.retailers.size()), "wholesale account") +
                    " and a web shop",
                0);

    out << "\nWhat happened\n";
    out << wrap("Customers ordered " + count(m.lines[2]) + " lines for " + count(m.units[2]) +
                    " units: " + count(m.lines[0]) +
                    " direct-to-consumer lines, small and for "
                    "the same day, and " +
                    count(m.lines[1]) +
                    " wholesale lines, large and weeks ahead with delivery windows.",
                2);
    if (world.promo_start < world.days) {
        out << wrap(short_date(world.start + world.promo_start) + " to " +
                        short_date(world.start + world.promo_end - 1) + ": " + promo.name +
                        " promoted " + plural(m.promo_skus, "sku") +
                        " and sent rush orders; "
                        "demand for them ran " +
                        fixed(m.promo_lift, 1) + "x the two weeks before.",
                    2);
    }
    if (world.unreliable_day < world.days) {
        out << wrap(short_date(world.start + world.unreliable_day) + ": " + troubled.name +
                        " turned unreliable. " + count(m.troubled_late) + " of its " +
                        plural(m.troubled_orders, "purchase order") +
                        " due since came a week or more late, " + fixed(m.troubled_late_days, 1) +
                        " days on average; suppliers sent " + count([&] {
                            std::int64_t n = 0;
                            for (const DayStats &d : season.days()) n += d.new_etas;
                            return n;
                        }()) +
                        " new dates for late purchase orders, and the engine moved promises " +
                        count(m.promise_changes) + " times.",
                    2);
    }
    out << wrap("Replenishment placed " + plural(m.purchase_orders, "purchase order") + " for " +
                    count(m.units_purchased) + " units, decided by " + season.policy() + ".",
                2);
    out << wrap(season.used_snapshot()
                    ? "The nightly snapshot (backorder.snapshot) recorded each day's position."
                    : "This version of the extension has no nightly snapshot "
                      "(backorder.snapshot); the simulation measured each day's queue itself.",
                2);

    out << "\nHow customers were served\n";
    out << wrap("Fill rate: " + percent(m.units_on_time[2], m.units_due[2]) +
                    " of the units due shipped by their requested date (direct to consumer " +
                    percent(m.units_on_time[0], m.units_due[0]) + ", wholesale " +
                    percent(m.units_on_time[1], m.units_due[1]) + ").",
                2);
    out << wrap("Back-order rate: " + percent(m.backordered[2], m.lines[2]) +
                    " of lines could not be reserved in full when entered (direct to consumer " +
                    percent(m.backordered[0], m.lines[0]) + ", wholesale " +
                    percent(m.backordered[1], m.lines[1]) + ").",
                2);
    out << wrap("Average wait: back-ordered lines shipped " + fixed(m.wait_days[2], 1) +
                    " days after their requested date (direct to consumer " +
                    fixed(m.wait_days[0], 1) + ", wholesale " + fixed(m.wait_days[1], 1) + "; " +
                    count(m.waited_lines[2]) + " lines shipped in full).",
                2);
    out << wrap("Lost demand: " + plural(m.stockouts[2], "line") + " (" + count(m.units_lost) +
                    " units) of items that cannot be back-ordered.",
                2);
    out << wrap("Expired: " + plural(m.expired_lines, "line") + " (" + count(m.expired_units) +
                    " units) cancelled when their delivery window ended.",
                2);
    int waiting = last.waiting_not_late + last.waiting_late_week + last.waiting_late_3_weeks +
                  last.waiting_late_more;
    out << wrap("Lines at risk: at the end " + plural(waiting, "line") + " (" +
                    count(last.units_waiting) + " units) wait for stock; " + count(last.at_risk) +
                    " of them are promised after their delivery window ends.",
                2);

    out << "\nWorst skus (units that could not be reserved when ordered) and the cause\n";
    std::size_t rank = 0;
    for (const SkuOutcome &o : m.worst) {
        if (o.units_backordered + o.units_lost == 0) break;
        const Sku &sku = world.skus[static_cast<std::size_t>(o.sku)];
        char head[128];
        std::snprintf(head, sizeof head, "  %zu. %-14s %6s units short, %s filled on time", ++rank,
                      sku.code.c_str(), count(o.units_backordered + o.units_lost).c_str(),
                      percent(o.units_on_time, o.units_due).c_str());
        out << head << "\n" << wrap("Cause: " + o.cause + ".", 5, 0);
    }
    if (rank == 0) out << "  None: every line was reserved in full when entered.\n";

    if (!charts.empty()) {
        out << "\nCharts\n";
        for (const std::string &chart : charts) {
            std::string what = chart_description(chart);
            if (chart == "promises.svg") {
                what += " for " + world.skus[static_cast<std::size_t>(m.promise_sku)].code;
            }
            char line[160];
            std::snprintf(line, sizeof line, "  %-20s %s\n", chart.c_str(), what.c_str());
            out << line;
        }
    }
    for (const std::string &note : season.notes()) out << "\nNote: " << note << "\n";
    return out.str();
}

std::string daily_csv(const Season &season, const Metrics &m)
{
    const World &world = season.world();
    std::ostringstream out;
    out << "date,dtc_lines,wholesale_lines,dtc_backordered,wholesale_backordered,stockouts,"
           "backorder_rate_7d,dtc_fill_rate_7d,wholesale_fill_rate_7d,waiting_not_late,"
           "waiting_late_1_7,waiting_late_8_21,waiting_late_22_plus,units_waiting,at_risk,"
           "units_shipped,receipts,purchase_orders,new_etas,promise_changes,expired\n";
    auto rate = [](const std::optional<double> &v) { return v ? fixed(*v, 4) : std::string(); };
    for (std::size_t d = 0; d < season.days().size(); ++d) {
        const DayStats &s = season.days()[d];
        out << iso_date(world.start + static_cast<int>(d)) << ',' << s.lines[0] << ',' << s.lines[1]
            << ',' << s.backordered[0] << ',' << s.backordered[1] << ','
            << s.stockouts[0] + s.stockouts[1] << ',' << rate(m.backorder_rate[2][d]) << ','
            << rate(m.fill_rate[0][d]) << ',' << rate(m.fill_rate[1][d]) << ','
            << s.waiting_not_late << ',' << s.waiting_late_week << ',' << s.waiting_late_3_weeks
            << ',' << s.waiting_late_more << ',' << s.units_waiting << ',' << s.at_risk << ','
            << s.units_shipped << ',' << s.receipts << ',' << s.purchase_orders << ',' << s.new_etas
            << ',' << s.promise_changes << ',' << s.expired << '\n';
    }
    return out.str();
}

std::string index_html(const std::string &report, const std::vector<std::string> &charts)
{
    std::string escaped;
    for (char c : report) {
        if (c == '&')
            escaped += "&amp;";
        else if (c == '<')
            escaped += "&lt;";
        else if (c == '>')
            escaped += "&gt;";
        else
            escaped += c;
    }
    std::ostringstream out;
    out << "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        << "<title>pg_backorder season simulation</title></head>\n"
        << "<body style=\"font-family: sans-serif; max-width: 1000px; margin: 2em auto\">\n"
        << "<pre>" << escaped << "</pre>\n";
    for (const std::string &chart : charts) {
        out << "<p><img src=\"" << chart << "\" alt=\"" << chart << "\" width=\"960\"></p>\n";
    }
    out << "</body></html>\n";
    return out.str();
}

}  // namespace backorder::simulate
