package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.shinkin.otp.platform.e2e.LoginVerifiers.Answer;
import jp.shinkin.otp.wire.OtpReplayRejected;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;

/** What a fault test checks of the answers its clients got, against the committed log. */
final class AcknowledgedAnswers {
    private AcknowledgedAnswers() {
    }

    /**
     * No code accepted twice (in the answers or in the log); every ACCEPTED answer has exactly one
     * OtpVerified in the committed log, and every E1008 answer its OtpReplayRejected.
     */
    static void assertInTheLog(List<Answer> answers, String bootstrap, String registry) {
        Map<String, Integer> accepted = new HashMap<>();
        Map<String, Integer> replaysAnswered = new HashMap<>();
        for (Answer r : answers) {
            if (r.accepted()) {
                accepted.merge(r.key(), 1, Integer::sum);
            } else if (r.decided() && r.body().contains("E1008")) {
                replaysAnswered.merge(r.contractId(), 1, Integer::sum);
            }
        }
        assertThat(accepted.values()).as("a code accepted twice").allMatch(n -> n == 1);
        Map<String, Integer> logged = new HashMap<>();
        Map<String, Integer> replaysLogged = new HashMap<>();
        CommittedEvents.forEach(bootstrap, registry, (contract, event) -> {
            if (event instanceof OtpVerified v && v.getPurpose() == Purpose.LOGIN) {
                logged.merge(contract + "@" + v.getStep(), 1, Integer::sum);
            } else if (event instanceof OtpReplayRejected) {
                replaysLogged.merge(contract, 1, Integer::sum);
            }
        });
        List<String> missing = accepted.keySet().stream().filter(k -> logged.getOrDefault(k, 0) != 1).sorted().toList();
        assertThat(missing).as("ACCEPTED answers without exactly one OtpVerified in the committed log (of "
                + accepted.size() + ")").isEmpty();
        assertThat(logged.values()).as("a step accepted twice in the log").allMatch(n -> n == 1);
        replaysAnswered.forEach((contract, n) -> assertThat(replaysLogged.getOrDefault(contract, 0))
                .as("E1008 answers of " + contract + " with their OtpReplayRejected in the log").isGreaterThanOrEqualTo(n));
    }

    /**
     * How long after {@code since} every one of {@code contracts} had been decided again: for each,
     * the first decided answer to a request sent after {@code since}; the latest of those. Waits at
     * most {@code limit} for them.
     */
    static Duration recoveryAfter(List<Answer> answers, Instant since, Set<String> contracts, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> answers.stream()
                .filter(r -> r.sent().isAfter(since) && r.decided()).map(Answer::contractId).distinct().count() == contracts.size());
        Map<String, Instant> firstDecided = new HashMap<>();
        answers.stream().filter(r -> r.sent().isAfter(since) && r.decided())
                .forEach(r -> firstDecided.merge(r.contractId(), r.answered(), (a, b) -> a.isBefore(b) ? a : b));
        return Duration.between(since, firstDecided.values().stream().max(Instant::compareTo).orElseThrow());
    }

    /**
     * The longest any of {@code contracts} went without a decision from {@code since} until its first
     * decision to a request sent after {@code settled} (waited for, at most {@code limit}): the gaps
     * between the decided answers it got, the first counted from {@code since}. Unlike the first
     * decision after a fault, this also sees a contract decided once just before the fault bit.
     */
    static Duration longestWithoutDecision(List<Answer> answers, Instant since, Instant settled, Set<String> contracts,
                                           Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> answers.stream()
                .filter(r -> r.sent().isAfter(settled) && r.decided()).map(Answer::contractId).distinct().count() == contracts.size());
        Duration longest = Duration.ZERO;
        for (String contract : contracts) {
            Instant end = answers.stream().filter(r -> r.contractId().equals(contract) && r.decided() && r.sent().isAfter(settled))
                    .map(Answer::answered).min(Instant::compareTo).orElseThrow();
            List<Instant> decided = answers.stream().filter(r -> r.contractId().equals(contract) && r.decided()
                    && r.answered().isAfter(since) && !r.answered().isAfter(end)).map(Answer::answered).sorted().toList();
            Instant previous = since;
            for (Instant at : decided) {
                Duration gap = Duration.between(previous, at);
                longest = gap.compareTo(longest) > 0 ? gap : longest;
                previous = at;
            }
        }
        return longest;
    }
}
