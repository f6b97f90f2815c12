// Supply over time: the timeline the queue claims, ATP and promise quotes.
//
// Available stock below zero (more reserved than on hand) is a shortfall that
// the next planning run turns into waiting quantity, so everywhere here it
// claims the earliest supply exactly as waiting lines do.
#include "core/supply.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <tuple>

#include "core/error.hpp"
#include "core/message.hpp"
#include "core/pure.hpp"

namespace backorder::core {

namespace {

// Add days to a day, failing instead of leaving the range of Day.
Day add_days(Day day, std::int64_t days)
{
    std::int64_t sum = static_cast<std::int64_t>(day) + days;
    if (sum > std::numeric_limits<Day>::max() || sum < std::numeric_limits<Day>::min())
        throw Error(
            ErrorKind::OutOfRange, "date out of range",
            format_iso_date(day) + " plus " + std::to_string(days) + " days is not a date.");
    return static_cast<Day>(sum);
}

// The day supply counts from: supply past its expected date arrives today.
Day effective_date(const OpenSupply &supply, Day today)
{
    return std::max(supply.expected_date, today);
}

// Reject supply with more received than ordered: the glue loads open lines only.
void check_open_qty(const OpenSupply &supply)
{
    if (supply.open_qty < 0)
        throw Error(ErrorKind::InvalidArgument,
                    "supply " + std::to_string(supply.supply_id) +
                        " has a negative open quantity " + quoted_qty(supply.open_qty),
                    "Open supply is the quantity ordered less the quantity received.");
}

// Reject a waiting quantity below zero.
void check_waiting(Quantity waiting)
{
    if (waiting < 0)
        throw Error(ErrorKind::InvalidArgument,
                    "waiting quantity " + quoted_qty(waiting) + " is negative");
}

// Reject taking a quantity below zero from a timeline.
void check_consumed(Quantity qty)
{
    if (qty < 0)
        throw Error(ErrorKind::InvalidArgument,
                    "cannot take a negative quantity " + quoted_qty(qty) + " of supply");
}

// The part of available below zero, which claims supply before anything else.
Quantity shortfall_of(Quantity available) { return available < 0 ? -available : 0; }

}  // namespace

std::string_view basis_name(SupplyBasis basis)
{
    switch (basis) {
        case SupplyBasis::Stock:
            return "stock";
        case SupplyBasis::Supply:
            return "supply";
        case SupplyBasis::LeadTime:
            return "lead_time";
        case SupplyBasis::Stockout:
            return "stockout";
    }
    throw Error(ErrorKind::Internal,
                "unknown supply basis " + std::to_string(static_cast<int>(basis)));
}

SupplyTimeline::SupplyTimeline(Quantity available, std::vector<OpenSupply> supplies, Day today,
                               std::int32_t lead_time_days)
    : today_(today)
{
    if (lead_time_days < 0)
        throw Error(ErrorKind::InvalidArgument,
                    "invalid lead time " + quoted(std::to_string(lead_time_days)),
                    "A lead time is zero or more days.");
    lead_time_date_ = add_days(today, lead_time_days);

    pieces_.reserve(supplies.size() + 1);
    if (available > 0)
        pieces_.push_back(Coverage{today, available, SupplyBasis::Stock, std::nullopt});
    std::size_t first_supply = pieces_.size();
    for (const OpenSupply &supply : supplies) {
        check_open_qty(supply);
        if (supply.open_qty > 0)
            pieces_.push_back(Coverage{effective_date(supply, today), supply.open_qty,
                                       SupplyBasis::Supply, supply.supply_id});
    }
    std::sort(pieces_.begin() + static_cast<std::ptrdiff_t>(first_supply), pieces_.end(),
              [](const Coverage &a, const Coverage &b) {
                  return std::tie(a.date, *a.supply_id) < std::tie(b.date, *b.supply_id);
              });

    consume_until(shortfall_of(available));
}

Coverage SupplyTimeline::take_front(Quantity wanted)
{
    if (next_ == pieces_.size())
        return Coverage{lead_time_date_, wanted, SupplyBasis::LeadTime, std::nullopt};

    Coverage &front = pieces_[next_];
    Coverage piece = front;
    piece.qty = std::min(wanted, front.qty);
    front.qty -= piece.qty;
    if (front.qty == 0) ++next_;
    return piece;
}

std::vector<Coverage> SupplyTimeline::consume(Quantity qty)
{
    check_consumed(qty);
    std::vector<Coverage> pieces;
    while (qty > 0) {
        pieces.push_back(take_front(qty));
        qty -= pieces.back().qty;
    }
    return pieces;
}

// Lead time can be shorter than the wait for open supply, so the last piece
// taken is not always the latest: the line is covered when all pieces are.
Day SupplyTimeline::consume_until(Quantity qty)
{
    check_consumed(qty);
    Day covered = today_;
    while (qty > 0) {
        Coverage piece = take_front(qty);
        covered = std::max(covered, piece.date);
        qty -= piece.qty;
    }
    return covered;
}

Quantity atp(Quantity available, Quantity waiting, const std::vector<OpenSupply> &supplies,
             Day today, Day on_date)
{
    if (on_date < today)
        throw Error(ErrorKind::InvalidArgument, "date " + quoted_date(on_date) + " is in the past",
                    "Available-to-promise starts today, " + format_iso_date(today) + ".");
    check_waiting(waiting);

    Quantity covered = available;
    for (const OpenSupply &supply : supplies) {
        check_open_qty(supply);
        if (effective_date(supply, today) <= on_date)
            covered = add_checked(covered, supply.open_qty);
    }
    return std::max<Quantity>(0, add_checked(covered, -waiting));
}

std::vector<ProfileBucket> atp_profile(Quantity available, Quantity waiting,
                                       const std::vector<OpenSupply> &supplies, Day today,
                                       std::int32_t horizon_days)
{
    if (horizon_days < 0 || horizon_days > 3650)
        throw Error(ErrorKind::InvalidArgument,
                    "invalid horizon " + quoted(std::to_string(horizon_days)),
                    "The horizon is between 0 and 3650 days.");
    check_waiting(waiting);
    Day last_day = add_days(today, horizon_days);

    std::vector<ProfileBucket> buckets(1);
    buckets.front().bucket = today;
    buckets.front().supply = std::max<Quantity>(0, available);
    std::vector<const OpenSupply *> later;
    for (const OpenSupply &supply : supplies) {
        check_open_qty(supply);
        Day date = effective_date(supply, today);
        if (date == today)
            buckets.front().supply = add_checked(buckets.front().supply, supply.open_qty);
        else if (date <= last_day && supply.open_qty > 0)
            later.push_back(&supply);
    }
    std::sort(later.begin(), later.end(), [](const OpenSupply *a, const OpenSupply *b) {
        return a->expected_date < b->expected_date;
    });
    for (const OpenSupply *supply : later) {
        if (buckets.back().bucket != supply->expected_date)
            buckets.emplace_back().bucket = supply->expected_date;
        buckets.back().supply = add_checked(buckets.back().supply, supply->open_qty);
    }

    Quantity claim = add_checked(waiting, shortfall_of(available));
    Quantity cumulative = 0;
    for (ProfileBucket &bucket : buckets) {
        bucket.committed = std::min(bucket.supply, claim);
        claim -= bucket.committed;
        bucket.atp = bucket.supply - bucket.committed;
        cumulative = add_checked(cumulative, bucket.atp);
        bucket.cumulative_atp = cumulative;
    }
    return buckets;
}

// The new line is entered now without cancel_after, so it loses every tie: a
// candidate is ahead unless its key is strictly greater on a deciding field.
Quantity waiting_ahead(Rule rule, std::int32_t priority, Day requested_date, Quantity waiting_total,
                       const std::vector<WaitingClaim> &candidates)
{
    check_waiting(waiting_total);

    Quantity behind = 0;
    for (const WaitingClaim &candidate : candidates) {
        check_waiting(candidate.waiting);
        bool ahead = false;
        if (candidate.priority != priority) {
            ahead = candidate.priority < priority;
        } else if (rule == Rule::Fifo) {
            ahead = true;
        } else if (rule == Rule::Window && candidate.cancel_after) {
            ahead = true;
        } else {
            ahead = candidate.requested_date <= requested_date;
        }
        if (!ahead) behind = add_checked(behind, candidate.waiting);
    }
    if (behind > waiting_total)
        throw Error(ErrorKind::InvalidArgument,
                    "waiting lines exceed the waiting total " + quoted_qty(waiting_total),
                    "Lines behind the new one wait for " + quoted_qty(behind) + ".");
    return waiting_total - behind;
}

std::vector<Coverage> promise_schedule(const ItemPolicy &item, Quantity available, Quantity ahead,
                                       const std::vector<OpenSupply> &supplies, Day today,
                                       Day requested_date, Quantity qty)
{
    if (qty <= 0)
        throw Error(ErrorKind::InvalidArgument, "quantity " + quoted_qty(qty) + " is not positive");
    if (ahead < 0)
        throw Error(ErrorKind::InvalidArgument,
                    "quantity ahead " + quoted_qty(ahead) + " is negative");

    if (!item.backorderable) {
        if (add_checked(ahead, qty) <= available)
            return {
                Coverage{std::max(today, requested_date), qty, SupplyBasis::Stock, std::nullopt}};
        return {Coverage{today, qty, SupplyBasis::Stockout, std::nullopt}};
    }

    SupplyTimeline timeline(available, supplies, today, item.lead_time_days);
    timeline.consume_until(ahead);
    std::vector<Coverage> pieces = timeline.consume(qty);
    for (Coverage &piece : pieces) piece.date = std::max(piece.date, requested_date);
    return pieces;
}

}  // namespace backorder::core
