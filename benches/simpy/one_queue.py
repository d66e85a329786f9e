"""The speed bar's one-queue center in SimPy, for the "× SimPy" comparison (DESIGN §5).

lambda = 500/min, exponential handle time with mean 4 min, 2,050 agents, exponential
patience with mean 3 min, FCFS; the same model as `ccsim_benches::one_queue_2050`.
Idiomatic SimPy: agents are a Resource, each call is a process that requests an agent
and races the request against its patience timeout.

    python3 benches/simpy/one_queue.py [simulated hours, default 1]

prints simulated calls per second of wall time (and the service level, as a sanity
check against ccsim and Erlang A).
"""
import random
import sys
import time

import simpy

LAMBDA = 500 / 60.0   # calls per second
AHT = 240.0           # seconds
PATIENCE = 180.0      # seconds
AGENTS = 2050
THRESHOLD = 20.0


def main():
    hours = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    horizon = hours * 3600.0
    rng = random.Random(1)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    stats = {"offered": 0, "answered": 0, "abandoned": 0, "in_sl": 0}

    def call(env):
        arrived = env.now
        patience = rng.expovariate(1.0 / PATIENCE)
        handle = rng.expovariate(1.0 / AHT)
        with agents.request() as req:
            result = yield req | env.timeout(patience)
            if req in result:
                stats["answered"] += 1
                if env.now - arrived <= THRESHOLD:
                    stats["in_sl"] += 1
                yield env.timeout(handle)
            else:
                stats["abandoned"] += 1

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(LAMBDA))
            if env.now >= horizon:
                return
            stats["offered"] += 1
            env.process(call(env))

    env.process(arrivals(env))
    start = time.perf_counter()
    env.run()  # runs until the last call has left (drains)
    wall = time.perf_counter() - start
    print(
        f"SimPy {simpy.__version__}: {hours:g} h, {stats['offered']} calls in {wall:.2f} s: "
        f"{stats['offered'] / wall:,.0f} calls/s; service level {stats['in_sl'] / stats['offered']:.4f}, "
        f"abandonment {stats['abandoned'] / stats['offered']:.4f}"
    )


if __name__ == "__main__":
    main()
