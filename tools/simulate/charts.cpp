// The season's charts as plain SVG files.
#include "charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "calendar.hpp"

namespace backorder::simulate {
namespace {

constexpr double width = 960;
constexpr double height = 500;
constexpr double left = 70;
constexpr double right = 30;
constexpr double top = 92;
constexpr double bottom = 56;

std::string num(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::string escape(const std::string &text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// A step of 1, 2 or 5 times a power of ten that gives about five ticks up to max.
double nice_step(double max)
{
    if (max <= 0) return 1;
    double raw = max / 5;
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * power >= raw) return m * power;
    }
    return 10 * power;
}

enum class Style { Line, Dots, Area };

struct Series {
    std::string id;
    std::string label;
    std::string colour;
    Style style = Style::Line;
    double stroke = 2;
    std::vector<std::optional<double>> values;  // one per day
};

// A chart over the days of the season.
class DayChart {
public:
    DayChart(const World &world, std::string id, std::string title, std::string subtitle,
             std::string y_label, bool percent)
        : world_(world),
          id_(std::move(id)),
          title_(std::move(title)),
          subtitle_(std::move(subtitle)),
          y_label_(std::move(y_label)),
          percent_(percent)
    {
    }

    void add(Series series) { series_.push_back(std::move(series)); }
    // Stack the area series on each other, in the order added.
    void stack() { stacked_ = true; }
    void y_range(double low, double high)
    {
        y_low_ = low;
        y_high_ = high;
    }
    // Start the y axis at the lowest tenth the data reaches, 50% at most.
    void zoom_low() { zoom_low_ = true; }
    // Label the events at the foot of the plot, where the data leaves room.
    void labels_at_bottom() { labels_at_bottom_ = true; }
    std::string render() const;

private:
    double x(double day) const
    {
        double span = std::max(1, world_.days - 1);
        return left + (width - left - right) * day / span;
    }
    double y(double value) const
    {
        return height - bottom - (height - top - bottom) * (value - y_low_) / (y_max_ - y_low_);
    }
    std::string frame() const;
    std::string events() const;
    // The baseline of the n-th event label.
    double label_y(int n) const
    {
        return labels_at_bottom_ ? height - bottom - 24 + 16 * n : top + 14 + 16 * n;
    }
    std::string legend() const;

    const World &world_;
    std::string id_, title_, subtitle_, y_label_;
    bool percent_;
    bool stacked_ = false;
    bool zoom_low_ = false;
    bool labels_at_bottom_ = false;
    mutable double y_low_ = 0;
    std::optional<double> y_high_;
    mutable double y_max_ = 1;
    std::vector<Series> series_;
};

std::string DayChart::frame() const
{
    std::ostringstream out;
    double step = nice_step(y_max_ - y_low_);
    out << "<g class=\"axis\" id=\"axis-y\">\n";
    for (double v = y_low_; v <= y_max_ + step * 1e-6; v += step) {
        out << "<line x1=\"" << num(left) << "\" x2=\"" << num(width - right) << "\" y1=\""
            << num(y(v)) << "\" y2=\"" << num(y(v)) << "\" stroke=\"#e3e3e3\"/>\n";
        double shown = percent_ ? v * 100 : v;
        char label[32];
        std::snprintf(label, sizeof label, "%.*f%s", (percent_ ? step * 100 : step) < 1 ? 1 : 0,
                      shown, percent_ ? "%" : "");
        out << "<text x=\"" << num(left - 8) << "\" y=\"" << num(y(v) + 4)
            << "\" text-anchor=\"end\">" << label << "</text>\n";
    }
    out << "<text transform=\"translate(16," << num((top + height - bottom) / 2)
        << ") rotate(-90)\" text-anchor=\"middle\">" << escape(y_label_) << "</text>\n";
    out << "</g>\n<g class=\"axis\" id=\"axis-x\">\n";
    out << "<line x1=\"" << num(left) << "\" x2=\"" << num(width - right) << "\" y1=\""
        << num(height - bottom) << "\" y2=\"" << num(height - bottom) << "\" stroke=\"#555\"/>\n";
    int every = world_.days > 120 ? 14 : 7;
    for (int d = 0; d < world_.days; d += every) {
        out << "<line x1=\"" << num(x(d)) << "\" x2=\"" << num(x(d)) << "\" y1=\""
            << num(height - bottom) << "\" y2=\"" << num(height - bottom + 5)
            << "\" stroke=\"#555\"/>\n";
        out << "<text x=\"" << num(x(d)) << "\" y=\"" << num(height - bottom + 20)
            << "\" text-anchor=\"middle\">" << short_date(world_.start + d) << "</text>\n";
    }
    out << "<text x=\"" << num((left + width - right) / 2) << "\" y=\"" << num(height - 10)
        << "\" text-anchor=\"middle\">day of the season</text>\n</g>\n";
    return out.str();
}

std::string DayChart::events() const
{
    std::ostringstream out;
    const Retailer &promo = world_.retailers[static_cast<std::size_t>(world_.promo_retailer)];
    const Supplier &supplier =
        world_.suppliers[static_cast<std::size_t>(world_.unreliable_supplier)];
    if (world_.promo_start < world_.days) {
        double x0 = x(world_.promo_start - 0.5),
               x1 = x(std::min(world_.promo_end, world_.days) - 0.5);
        out << "<g class=\"event\" id=\"event-promotion\">\n<rect x=\"" << num(x0) << "\" y=\""
            << num(top) << "\" width=\"" << num(x1 - x0) << "\" height=\""
            << num(height - top - bottom)
            << "\" fill=\"#f6d55c\" fill-opacity=\"0.25\"/>\n<text x=\"" << num(x0 + 4) << "\" y=\""
            << num(label_y(0)) << "\" fill=\"#8a6d00\">" << escape(promo.name)
            << " promotion</text>\n</g>\n";
    }
    if (world_.unreliable_day < world_.days) {
        double x0 = x(world_.unreliable_day);
        out << "<g class=\"event\" id=\"event-supplier\">\n<line x1=\"" << num(x0) << "\" x2=\""
            << num(x0) << "\" y1=\"" << num(top) << "\" y2=\"" << num(height - bottom)
            << "\" stroke=\"#b03a2e\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n<text x=\""
            << num(x0 + 4) << "\" y=\"" << num(label_y(1)) << "\" fill=\"#b03a2e\">"
            << escape(supplier.name) << " turns unreliable</text>\n</g>\n";
    }
    return out.str();
}

std::string DayChart::legend() const
{
    std::ostringstream out;
    out << "<g class=\"legend\">\n";
    double lx = left;
    for (const Series &s : series_) {
        out << "<rect x=\"" << num(lx) << "\" y=\"62\" width=\"14\" height=\"10\" fill=\""
            << s.colour << "\"/>\n<text x=\"" << num(lx + 19) << "\" y=\"71\">" << escape(s.label)
            << "</text>\n";
        lx += 34 + 7.2 * static_cast<double>(s.label.size());
    }
    out << "</g>\n";
    return out.str();
}

std::string DayChart::render() const
{
    const std::size_t n = static_cast<std::size_t>(world_.days);
    // The stacked tops, series by series.
    std::vector<std::vector<double>> tops;
    std::vector<double> base(n, 0);
    double highest = 0;
    for (const Series &s : series_) {
        std::vector<double> top_values(n, 0);
        for (std::size_t d = 0; d < n && d < s.values.size(); ++d) {
            double v = s.values[d].value_or(0);
            top_values[d] = (stacked_ && s.style == Style::Area ? base[d] : 0) + v;
            highest = std::max(highest, s.values[d] ? top_values[d] : 0.0);
        }
        if (stacked_ && s.style == Style::Area) base = top_values;
        tops.push_back(top_values);
    }
    if (zoom_low_) {
        double lowest = y_high_.value_or(1);
        for (const Series &s : series_) {
            for (const auto &v : s.values) {
                if (v) lowest = std::min(lowest, *v);
            }
        }
        y_low_ = std::min(0.5, std::floor(lowest * 10) / 10);
    }
    if (y_high_) {
        y_max_ = *y_high_;
    } else {
        double step = nice_step(std::max(highest, percent_ ? 0.05 : 5.0));
        y_max_ = std::ceil(std::max(highest, 1e-9) / step) * step;
        if (y_max_ <= y_low_) y_max_ = y_low_ + step;
    }

    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-" << id_ << "\" width=\""
        << num(width) << "\" height=\"" << num(height) << "\" viewBox=\"0 0 " << num(width) << " "
        << num(height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    out << "<text class=\"title\" x=\"" << num(left) << "\" y=\"26\" font-size=\"18\""
        << " font-weight=\"bold\">" << escape(title_) << "</text>\n";
    out << "<text class=\"subtitle\" x=\"" << num(left) << "\" y=\"46\" fill=\"#555\">"
        << escape(subtitle_) << "</text>\n";
    out << frame() << events();
    std::vector<double> below(n, 0);
    for (std::size_t k = 0; k < series_.size(); ++k) {
        const Series &s = series_[k];
        out << "<g class=\"series\" id=\"series-" << s.id << "\" data-label=\"" << escape(s.label)
            << "\">\n";
        if (s.style == Style::Area) {
            std::string points;
            for (std::size_t d = 0; d < n; ++d)
                points += num(x(d)) + "," + num(y(tops[k][d])) + " ";
            for (std::size_t d = n; d-- > 0;) {
                double floor = stacked_ ? below[d] : y_low_;
                points += num(x(d)) + "," + num(y(floor)) + " ";
            }
            out << "<polygon points=\"" << points << "\" fill=\"" << s.colour
                << "\" fill-opacity=\"0.85\" stroke=\"none\"/>\n";
            if (stacked_) below = tops[k];
        } else if (s.style == Style::Line) {
            // A gap in the values breaks the line.
            std::string points;
            auto flush = [&]() {
                if (!points.empty()) {
                    out << "<polyline points=\"" << points << "\" fill=\"none\" stroke=\""
                        << s.colour << "\" stroke-width=\"" << num(s.stroke) << "\"/>\n";
                }
                points.clear();
            };
            for (std::size_t d = 0; d < n; ++d) {
                if (d < s.values.size() && s.values[d]) {
                    points += num(x(d)) + "," + num(y(*s.values[d])) + " ";
                } else {
                    flush();
                }
            }
            flush();
        } else {
            for (std::size_t d = 0; d < n && d < s.values.size(); ++d) {
                if (!s.values[d]) continue;
                out << "<circle cx=\"" << num(x(d)) << "\" cy=\"" << num(y(*s.values[d]))
                    << "\" r=\"3.5\" fill=\"" << s.colour << "\"/>\n";
            }
        }
        out << "</g>\n";
    }
    out << legend() << "</svg>\n";
    return out.str();
}

void write_file(const std::string &path, const std::string &content)
{
    std::ofstream file(path, std::ios::binary);
    file << content;
    if (!file) throw std::runtime_error("could not write \"" + path + "\"");
}

// The promises one sku's back-ordered lines were given at entry, and when they shipped.
std::string promise_chart(const Season &season, const Metrics &metrics)
{
    const World &world = season.world();
    const Sku &sku = world.skus[static_cast<std::size_t>(metrics.promise_sku)];
    std::vector<const LineRecord *> lines;
    int latest = world.days - 1;
    for (const LineRecord &line : season.lines()) {
        if (line.sku != metrics.promise_sku || !line.backordered()) continue;
        lines.push_back(&line);
        latest = std::max({latest, line.promised_at_entry, line.last_ship_day, line.requested_day,
                           line.final_promise});
    }
    double y_span = latest + 1;
    auto x = [&](double day) {
        return left + (width - left - right) * day / std::max(1, world.days - 1);
    };
    auto y = [&](double day) { return height - bottom - (height - top - bottom) * day / y_span; };
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-promises\" width=\"" << num(width)
        << "\" height=\"" << num(height) << "\" viewBox=\"0 0 " << num(width) << " " << num(height)
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    out << "<text class=\"title\" x=\"" << num(left) << "\" y=\"26\" font-size=\"18\""
        << " font-weight=\"bold\">Promised against actual ship dates: " << escape(sku.code)
        << "</text>\n";
    out << "<text class=\"subtitle\" x=\"" << num(left) << "\" y=\"46\" fill=\"#555\">"
        << escape(sku.description) << ", from "
        << escape(world.suppliers[static_cast<std::size_t>(sku.supplier)].name) << ". Each "
        << "back-ordered line: the date promised when it was entered, and the day it shipped."
        << "</text>\n";
    // Axes: entry day across, dates up.
    out << "<g class=\"axis\" id=\"axis-y\">\n";
    int every = y_span > 120 ? 14 : 7;
    for (int d = 0; d <= latest; d += every) {
        out << "<line x1=\"" << num(left) << "\" x2=\"" << num(width - right) << "\" y1=\""
            << num(y(d)) << "\" y2=\"" << num(y(d)) << "\" stroke=\"#e3e3e3\"/>\n<text x=\""
            << num(left - 8) << "\" y=\"" << num(y(d) + 4) << "\" text-anchor=\"end\">"
            << short_date(world.start + d) << "</text>\n";
    }
    out << "</g>\n<g class=\"axis\" id=\"axis-x\">\n";
    for (int d = 0; d < world.days; d += 7) {
        out << "<text x=\"" << num(x(d)) << "\" y=\"" << num(height - bottom + 20)
            << "\" text-anchor=\"middle\">" << short_date(world.start + d) << "</text>\n";
    }
    out << "<line x1=\"" << num(left) << "\" x2=\"" << num(width - right) << "\" y1=\""
        << num(height - bottom) << "\" y2=\"" << num(height - bottom) << "\" stroke=\"#555\"/>\n"
        << "<text x=\"" << num((left + width - right) / 2) << "\" y=\"" << num(height - 10)
        << "\" text-anchor=\"middle\">day the line was entered</text>\n</g>\n";
    // The season's events, as on the other charts.
    if (world.unreliable_day < world.days) {
        out << "<g class=\"event\" id=\"event-supplier\">\n<line x1=\""
            << num(x(world.unreliable_day)) << "\" x2=\"" << num(x(world.unreliable_day))
            << "\" y1=\"" << num(top) << "\" y2=\"" << num(height - bottom)
            << "\" stroke=\"#b03a2e\" stroke-dasharray=\"6 4\"/>\n<text x=\""
            << num(x(world.unreliable_day) + 4) << "\" y=\"" << num(height - bottom - 8)
            << "\" fill=\"#b03a2e\">"
            << escape(world.suppliers[static_cast<std::size_t>(world.unreliable_supplier)].name)
            << " turns unreliable</text>\n</g>\n";
    }
    if (world.promo_start < world.days) {
        double x0 = x(world.promo_start - 0.5), x1 = x(std::min(world.promo_end, world.days) - 0.5);
        out << "<g class=\"event\" id=\"event-promotion\">\n<rect x=\"" << num(x0) << "\" y=\""
            << num(top) << "\" width=\"" << num(x1 - x0) << "\" height=\""
            << num(height - top - bottom) << "\" fill=\"#f6d55c\" fill-opacity=\"0.25\"/>\n"
            << "<text x=\"" << num(x0 + 4) << "\" y=\"" << num(height - bottom - 24)
            << "\" fill=\"#8a6d00\">promotion</text>\n</g>\n";
    }
    // Entry day itself: a line shipped on it waited not at all.
    out << "<line class=\"reference\" x1=\"" << num(x(0)) << "\" y1=\"" << num(y(0)) << "\" x2=\""
        << num(x(world.days - 1)) << "\" y2=\"" << num(y(world.days - 1))
        << "\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>\n";

    std::ostringstream gaps, promised, actual, open, expired;
    for (const LineRecord *line : lines) {
        double lx = x(line->entry_day);
        bool shipped = line->shipped == line->qty;
        // The morning after its window ended, an unshipped line was cancelled.
        bool cancelled = !shipped && line->final_status == "cancelled";
        bool waiting = !shipped && !cancelled;
        int end_day = shipped     ? line->last_ship_day
                      : cancelled ? line->cancel_after + 1
                                  : std::max(line->final_promise, line->promised_at_entry);
        if (line->promised_at_entry >= 0) {
            bool late = end_day > line->promised_at_entry;
            const char *colour = cancelled ? "#999999"
                                 : waiting ? "#d9534f"
                                 : late    ? "#d9534f"
                                           : "#5cb85c";
            gaps << "<line x1=\"" << num(lx) << "\" x2=\"" << num(lx) << "\" y1=\""
                 << num(y(line->promised_at_entry)) << "\" y2=\"" << num(y(end_day))
                 << "\" stroke=\"" << colour << "\" stroke-width=\"1.5\""
                 << (waiting ? " stroke-dasharray=\"3 3\"" : "") << "/>\n";
            promised << "<circle cx=\"" << num(lx) << "\" cy=\"" << num(y(line->promised_at_entry))
                     << "\" r=\"4\" fill=\"white\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n";
        }
        if (shipped) {
            actual << "<circle cx=\"" << num(lx) << "\" cy=\"" << num(y(line->last_ship_day))
                   << "\" r=\"3.5\" fill=\"#ff7f0e\"/>\n";
        } else if (cancelled) {
            expired << "<path d=\"M" << num(lx - 4) << " " << num(y(end_day) - 4)
                    << " l8 8 m0 -8 l-8 8\" stroke=\"#666666\" stroke-width=\"2\"/>\n";
        } else {
            open << "<path d=\"M" << num(lx) << " " << num(y(end_day) - 5) << " l5 5 l-5 5 l-5 -5 z"
                 << "\" fill=\"white\" stroke=\"#d9534f\" stroke-width=\"2\"/>\n";
        }
    }
    out << "<g class=\"series\" id=\"series-gap\" data-label=\"wait beyond the promise\">\n"
        << gaps.str() << "</g>\n";
    out << "<g class=\"series\" id=\"series-promised\" data-label=\"promised at entry\">\n"
        << promised.str() << "</g>\n";
    out << "<g class=\"series\" id=\"series-shipped\" data-label=\"shipped\">\n"
        << actual.str() << "</g>\n";
    out << "<g class=\"series\" id=\"series-open\""
        << " data-label=\"still waiting at season end: its promise now\">\n"
        << open.str() << "</g>\n";
    out << "<g class=\"series\" id=\"series-cancelled\" data-label=\"cancelled, window ended\">\n"
        << expired.str() << "</g>\n";
    // The legend: marks and lines, left to right.
    struct Key {
        std::string mark;
        std::string label;
    };
    const Key keys[] = {
        {"<circle cx=\"6\" cy=\"-4\" r=\"4\" fill=\"white\" stroke=\"#1f77b4\" "
         "stroke-width=\"2\"/>",
         "promised at entry"},
        {"<circle cx=\"6\" cy=\"-4\" r=\"3.5\" fill=\"#ff7f0e\"/>", "shipped"},
        {"<line x1=\"6\" x2=\"6\" y1=\"-10\" y2=\"2\" stroke=\"#d9534f\" stroke-width=\"2\"/>",
         "later than promised"},
        {"<line x1=\"6\" x2=\"6\" y1=\"-10\" y2=\"2\" stroke=\"#5cb85c\" stroke-width=\"2\"/>",
         "kept the promise"},
        {"<path d=\"M2 -8 l8 8 m0 -8 l-8 8\" stroke=\"#666666\" stroke-width=\"2\"/>",
         "cancelled"},
        {"<path d=\"M6 -9 l5 5 l-5 5 l-5 -5 z\" fill=\"white\" stroke=\"#d9534f\" "
         "stroke-width=\"2\"/>",
         "waiting: promise now"},
    };
    out << "<g class=\"legend\">\n";
    double lx = left;
    for (const Key &key : keys) {
        out << "<g transform=\"translate(" << num(lx) << ",71)\">" << key.mark << "<text x=\"16\">"
            << escape(key.label) << "</text></g>\n";
        lx += 30 + 7 * static_cast<double>(key.label.size());
    }
    out << "</g>\n";
    out << "</svg>\n";
    return out.str();
}

}  // namespace

std::vector<std::string> write_charts(const Season &season, const Metrics &metrics,
                                      const std::string &dir)
{
    const World &world = season.world();
    const auto &days = season.days();
    std::vector<std::string> written;
    auto save = [&](const std::string &name, const std::string &svg) {
        write_file(dir + "/" + name, svg);
        written.push_back(name);
    };

    DayChart rate(world, "backorder-rate", "Back-order rate per day",
                  "Order lines that could not be reserved in full when entered",
                  "lines back-ordered", true);
    rate.add({"dtc", "direct to consumer", "#1f77b4", Style::Line, 1.5, metrics.backorder_rate[0]});
    rate.add({"wholesale", "wholesale (days with orders)", "#ff7f0e", Style::Dots, 0,
              metrics.backorder_rate[1]});
    rate.add({"all-7d", "all lines, 7-day average", "#222222", Style::Line, 2.5,
              metrics.backorder_rate[2]});
    save("backorder_rate.svg", rate.render());

    DayChart queue(world, "queue", "Back-order queue length and aging",
                   "Lines waiting for stock at the end of each day, by how far past their "
                   "requested date",
                   "lines waiting", false);
    std::vector<std::optional<double>> fresh, week, three, older, risk;
    for (const DayStats &d : days) {
        fresh.emplace_back(d.waiting_not_late);
        week.emplace_back(d.waiting_late_week);
        three.emplace_back(d.waiting_late_3_weeks);
        older.emplace_back(d.waiting_late_more);
        risk.emplace_back(d.at_risk);
    }
    queue.add({"not-late", "not yet late", "#9ecae1", Style::Area, 0, fresh});
    queue.add({"late-1-7", "1-7 days late", "#fdae6b", Style::Area, 0, week});
    queue.add({"late-8-21", "8-21 days late", "#e6550d", Style::Area, 0, three});
    queue.add({"late-22", "over 21 days late", "#7f2704", Style::Area, 0, older});
    queue.add(
        {"at-risk", "at risk of missing the delivery window", "#222222", Style::Line, 2, risk});
    queue.stack();
    save("queue.svg", queue.render());

    DayChart fill(world, "fill-rate", "Fill rate by channel",
                  "Units shipped by their requested date, of the units due, 7-day average",
                  "fill rate", true);
    fill.add({"dtc", "direct to consumer", "#1f77b4", Style::Line, 2.5, metrics.fill_rate[0]});
    fill.add({"wholesale", "wholesale", "#ff7f0e", Style::Line, 2.5, metrics.fill_rate[1]});
    fill.y_range(0, 1);
    fill.zoom_low();
    fill.labels_at_bottom();
    save("fill_rate.svg", fill.render());

    if (metrics.promise_sku >= 0) save("promises.svg", promise_chart(season, metrics));
    return written;
}

}  // namespace backorder::simulate
