#include "fcgi/pool/status_report.hpp"

#include <cstdio>

#include "fcgi/json/json_writer.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

constexpr const char* kClasses[] = {"2xx", "3xx", "4xx", "5xx"};

long long unix_seconds(std::chrono::system_clock::time_point time) {
  return duration_cast<seconds>(time.time_since_epoch()).count();
}

long long since(std::chrono::system_clock::time_point time) {
  return duration_cast<seconds>(std::chrono::system_clock::now() - time).count();
}

long long number(std::uint64_t value) {
  return static_cast<long long>(value);
}

void optional_number(JsonWriter& json, const char* name, const std::optional<std::uint32_t>& value) {
  json.key(name);
  if (value) {
    json.value(static_cast<long long>(*value));
  } else {
    json.null();
  }
}

/// The Prometheus text format, one family at a time.
class Metrics {
 public:
  Metrics& family(const char* name, const char* type, const char* help) {
    text_.append("# HELP ").append(name).append(" ").append(help).append("\n");
    text_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    return *this;
  }
  Metrics& sample(const char* name, double value, const std::string& labels = {}) {
    char number[64];
    std::snprintf(number, sizeof number, "%.17g", value);
    text_.append(name);
    if (!labels.empty()) text_.append("{").append(labels).append("}");
    text_.append(" ").append(number).append("\n");
    return *this;
  }
  std::string finish() { return std::move(text_.append("# EOF\n")); }

 private:
  std::string text_;
};

/// A label value with the format's three escapes.
std::string label(const char* name, const std::string& value) {
  std::string text = std::string(name) + "=\"";
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      text.push_back('\\');
      text.push_back(c);
    } else if (c == '\n') {
      text.append("\\n");
    } else {
      text.push_back(c);
    }
  }
  return text + "\"";
}

double in_seconds(std::chrono::microseconds time) {
  return static_cast<double>(time.count()) / 1e6;
}

}  // namespace

std::string status_json(const PoolStatus& status, bool full) {
  JsonWriter json;
  json.begin_object();
  json.field("pool", status.pool).field("process manager", status.process_manager);
  json.field("start time", unix_seconds(status.start_time))
      .field("start since", static_cast<long long>(status.start_since.count()));
  json.field("accepted conn", number(status.accepted));
  optional_number(json, "listen queue", status.listen_queue);
  json.field("max listen queue", static_cast<long long>(status.max_listen_queue));
  optional_number(json, "listen queue len", status.listen_queue_len);
  json.field("idle processes", status.idle).field("active processes", status.active);
  json.field("total processes", status.total).field("max active processes", status.max_active);
  json.field("max children reached", number(status.max_children_reached));
  json.field("slow requests", number(status.slow));
  json.key("answers").begin_object();
  for (std::size_t i = 0; i < std::size(kClasses); ++i) json.field(kClasses[i], number(status.answers[i]));
  json.end_object();
  json.field("database errors", number(status.database_errors));
  json.key("outbox pending");
  status.outbox ? json.value(static_cast<long long>(status.outbox->pending)) : json.null();
  json.key("outbox failed");
  status.outbox ? json.value(static_cast<long long>(status.outbox->failed)) : json.null();
  json.key("outbox oldest pending age");
  if (status.outbox && status.outbox->oldest_pending_age) {
    json.value(static_cast<long long>(duration_cast<seconds>(*status.outbox->oldest_pending_age).count()));
  } else {
    json.null();
  }
  json.key("outbox figures age");
  status.outbox ? json.value(static_cast<long long>(duration_cast<seconds>(status.outbox->age).count())) : json.null();
  json.field("orders expired", number(status.orders_expired));
  json.key("read standby in use");
  status.read_standby ? json.value(static_cast<long long>(status.read_standby->in_use)) : json.null();
  json.key("read standby left aside");
  status.read_standby ? json.value(static_cast<long long>(status.read_standby->left_aside)) : json.null();
  if (full) {
    json.key("processes").begin_array();
    for (const ProcessStatus& process : status.processes) {
      json.begin_object();
      json.field("pid", static_cast<long long>(process.pid)).field("role", process.role);
      json.field("state", process.state);
      json.field("start time", unix_seconds(process.started)).field("start since", since(process.started));
      json.field("requests", number(process.requests));
      json.field("request duration", static_cast<long long>(process.request_duration.count()));
      json.field("request id", process.request_id).field("request method", process.method);
      json.field("request uri", process.uri);
      json.field("last request duration", static_cast<long long>(process.last_duration.count()));
      json.key("memory");
      process.memory ? json.value(static_cast<long long>(*process.memory)) : json.null();
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
  return json.str();
}

std::string status_openmetrics(const PoolStatus& status, bool full) {
  Metrics metrics;
  metrics.family("shop_start_time_seconds", "gauge", "When the pool's master started, in Unix time.")
      .sample("shop_start_time_seconds", static_cast<double>(unix_seconds(status.start_time)));
  metrics.family("shop_accepted_connections_total", "counter", "Requests the workers accepted since the start.")
      .sample("shop_accepted_connections_total", static_cast<double>(status.accepted));
  if (status.listen_queue) {
    metrics.family("shop_listen_queue", "gauge", "Connections waiting in the kernel to be accepted.")
        .sample("shop_listen_queue", *status.listen_queue);
  }
  metrics.family("shop_listen_queue_max", "gauge", "The most connections seen waiting since the start.")
      .sample("shop_listen_queue_max", status.max_listen_queue);
  if (status.listen_queue_len) {
    metrics.family("shop_listen_queue_length", "gauge", "The listening socket's backlog.")
        .sample("shop_listen_queue_length", *status.listen_queue_len);
  }
  metrics.family("shop_processes", "gauge", "Worker processes by state.")
      .sample("shop_processes", status.idle, label("state", "idle"))
      .sample("shop_processes", status.active, label("state", "active"));
  metrics.family("shop_processes_max_active", "gauge", "The most workers seen active at once since the start.")
      .sample("shop_processes_max_active", status.max_active);
  metrics.family("shop_max_children_reached_total", "counter", "Times every worker was busy while connections waited.")
      .sample("shop_max_children_reached_total", static_cast<double>(status.max_children_reached));
  metrics.family("shop_slow_requests_total", "counter", "Requests slower than SHOP_SLOW_REQUEST_MS.")
      .sample("shop_slow_requests_total", static_cast<double>(status.slow));
  metrics.family("shop_answers_total", "counter", "Answers by HTTP status class.");
  for (std::size_t i = 0; i < std::size(kClasses); ++i) {
    metrics.sample("shop_answers_total", static_cast<double>(status.answers[i]), label("class", kClasses[i]));
  }
  metrics.family("shop_database_errors_total", "counter", "Requests that failed because of the database.")
      .sample("shop_database_errors_total", static_cast<double>(status.database_errors));
  if (status.outbox) {
    metrics.family("shop_outbox_events", "gauge", "Outbox events waiting for delivery or given up.")
        .sample("shop_outbox_events", static_cast<double>(status.outbox->pending), label("status", "pending"))
        .sample("shop_outbox_events", static_cast<double>(status.outbox->failed), label("status", "failed"));
    metrics
        .family("shop_outbox_oldest_pending_age_seconds", "gauge",
                "Age of the oldest pending outbox event (0 when none waits).")
        .sample("shop_outbox_oldest_pending_age_seconds",
                status.outbox->oldest_pending_age
                    ? static_cast<double>(status.outbox->oldest_pending_age->count()) / 1000.0
                    : 0.0);
    metrics.family("shop_outbox_figures_age_seconds", "gauge", "How old the outbox figures are.")
        .sample("shop_outbox_figures_age_seconds", static_cast<double>(status.outbox->age.count()) / 1000.0);
  }
  metrics.family("shop_orders_expired_total", "counter", "Orders the sweeper expired since the start.")
      .sample("shop_orders_expired_total", static_cast<double>(status.orders_expired));
  if (status.read_standby) {
    metrics
        .family("shop_read_standby_workers", "gauge",
                "Workers whose catalog reads go to the read standby (in_use) or, it being unfit, to the primary.")
        .sample("shop_read_standby_workers", status.read_standby->in_use, label("state", "in_use"))
        .sample("shop_read_standby_workers", status.read_standby->left_aside, label("state", "left_aside"));
  }
  if (full) {
    metrics.family("shop_process_requests_total", "counter", "Requests each process answered.");
    for (const ProcessStatus& p : status.processes) {
      metrics.sample("shop_process_requests_total", static_cast<double>(p.requests),
                     label("pid", std::to_string(p.pid)) + "," + label("role", p.role));
    }
    metrics.family("shop_process_resident_memory_bytes", "gauge", "Resident memory of each process.");
    for (const ProcessStatus& p : status.processes) {
      if (!p.memory) continue;
      metrics.sample("shop_process_resident_memory_bytes", static_cast<double>(*p.memory),
                     label("pid", std::to_string(p.pid)) + "," + label("role", p.role));
    }
    metrics.family("shop_process_request_duration_seconds", "gauge",
                   "Each process's current request so far, else its last one.");
    for (const ProcessStatus& p : status.processes) {
      metrics.sample("shop_process_request_duration_seconds", in_seconds(p.request_duration),
                     label("pid", std::to_string(p.pid)) + "," + label("role", p.role));
    }
  }
  return metrics.finish();
}

}  // namespace shop::fcgi
