// The season, day by day, through the extension's SQL interface only.
//
// Each day, with backorder.today set to it: delivery windows that ended are
// expired, purchase orders that arrive are received (filling the queue),
// suppliers send new dates for late ones, the web shop and the wholesale
// accounts order, the warehouse ships what is ready, replenishment places
// purchase orders, and the nightly snapshot runs. What happened is kept for
// the report and the charts.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "pq.hpp"
#include "world.hpp"

namespace backorder::simulate {

enum Channel { Web = 0, Wholesale = 1 };

struct DayStats {
    int lines[2] = {};  // lines entered, by channel
    std::int64_t units[2] = {};
    int backordered[2] = {};  // lines not reserved in full at entry (stockouts aside)
    int stockouts[2] = {};
    // The engine's queue at the end of the day, by how late the lines are.
    int waiting_not_late = 0;
    int waiting_late_week = 0;
    int waiting_late_3_weeks = 0;
    int waiting_late_more = 0;
    std::int64_t units_waiting = 0;
    int at_risk = 0;  // promised after the end of the delivery window
    int promise_changes = 0;
    int expired = 0;
    std::int64_t units_shipped = 0;
    int receipts = 0;
    int purchase_orders = 0;
    int new_etas = 0;
};

struct LineRecord {
    std::int64_t line_id = 0;
    int sku = 0;
    Channel channel = Web;
    int retailer = -1;
    int entry_day = 0;
    int requested_day = 0;
    int cancel_after = -1;  // -1: no delivery window
    std::int64_t qty = 0;
    std::int64_t reserved_at_entry = 0;
    int promised_at_entry = -1;  // -1: none (a stockout)
    bool stockout = false;
    std::int64_t shipped = 0;
    std::int64_t shipped_on_time = 0;  // shipped no later than the requested day
    int last_ship_day = -1;
    int promise_changes = 0;
    std::string final_status;
    int final_promise = -1;  // the promise at the end of the season, if still open
    bool backordered() const { return !stockout && reserved_at_entry < qty; }
};

struct PurchaseOrder {
    std::int64_t supply_id = 0;
    int sku = 0;
    std::int64_t qty = 0;
    int placed_day = 0;
    int expected_day = 0;  // as first agreed
    int eta = 0;           // as the supplier last said
    int arrival_day = 0;   // when it really arrives
    bool arrived = false;
};

class Season {
public:
    Season(const World &world, Connection &db);

    // Create the catalogue, the opening stock and the purchase orders on the way.
    void open();
    void play_day(int day);
    // Read the lines' final state and promise histories.
    void close();

    const World &world() const { return world_; }
    const std::vector<DayStats> &days() const { return days_; }
    const std::vector<LineRecord> &lines() const { return lines_; }
    const std::vector<PurchaseOrder> &purchase_orders() const { return orders_; }
    // Units ordered per sku and day, as the season saw them.
    const std::vector<std::vector<std::int64_t>> &demand() const { return demand_; }
    // How purchase orders were decided, for the report.
    const std::string &policy() const { return policy_; }
    bool used_snapshot() const { return has_snapshot_; }
    const std::vector<std::string> &notes() const { return notes_; }

private:
    struct NewLine {
        LineRecord record;
        std::string order_ref;
        std::string customer;
        bool ship_complete = false;
        int priority = 100;
    };

    std::string date(int day) const;
    void expire(int day);
    void receive(int day);
    void send_new_etas(int day);
    void enter(int day, std::vector<NewLine> lines);
    std::vector<NewLine> orders(int day);
    std::vector<NewLine> web_orders(int day);
    std::vector<NewLine> wholesale_orders(int day);
    void ship(int day);
    void replenish(int day);
    void place(int day, const std::vector<std::pair<int, std::int64_t>> &quantities);
    void measure(int day);
    int arrival_for(std::size_t order_index, int sku, int expected_day, int placed_day) const;

    const World &world_;
    Connection &db_;
    std::vector<DayStats> days_;
    std::vector<LineRecord> lines_;
    std::unordered_map<std::int64_t, std::size_t> line_index_;
    std::vector<PurchaseOrder> orders_;
    std::vector<std::vector<std::int64_t>> demand_;
    std::unordered_map<std::string, int> sku_index_;
    std::int64_t event_cursor_ = 0;
    int web_sequence_ = 0;
    int wholesale_sequence_ = 0;
    bool has_advice_ = false;
    bool has_snapshot_ = false;
    bool has_ordered_on_ = false;
    std::string policy_;
    std::vector<std::string> notes_;
};

// Round up to a whole number of packs (at least one).
std::int64_t round_to_pack(double units, int pack);

}  // namespace backorder::simulate
