package jp.shinkin.otp.service.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import jp.shinkin.otp.service.api.Unavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paging over contracts spread across instances: walking the pages gives every listed contract
 * once, in order, whatever the spread, the page size and how much each instance may read per page.
 * Instances are simulated by sorted sets scanned the way {@code LocalStores.scanContracts} does.
 */
class ContractPagesTest {

    @ParameterizedTest(name = "{0} instances, pages of {1}, budget {2}, every {3}th listed")
    @CsvSource({"1, 10, 20000, 1", "3, 7, 20000, 1", "3, 1, 20000, 1", "4, 5, 13, 9", "2, 50, 3, 40", "5, 3, 1000, 1000"})
    void walkingThePagesGivesEachListedContractOnceInOrder(int instances, int limit, int budget, int every) {
        Random random = new Random(instances * 31L + limit * 7L + budget + every);
        List<TreeSet<String>> stores = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            stores.add(new TreeSet<>());
        }
        TreeSet<String> expected = new TreeSet<>();
        TreeSet<String> all = new TreeSet<>();
        while (all.size() < 2_000) {
            all.add("C-" + Integer.toString(random.nextInt(1_000_000), 36));
        }
        // Each contract on one instance (its partition's active task).
        all.forEach(id -> stores.get(random.nextInt(instances)).add(id));
        Predicate<String> listed = id -> Math.floorMod(id.hashCode(), every) == 0;
        stores.forEach(s -> s.stream().filter(listed).forEach(expected::add));

        List<String> walked = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            List<ContractPages.InstancePage<String>> answers = new ArrayList<>();
            for (TreeSet<String> store : stores) {
                answers.add(scan(store, after, limit, budget, listed));
            }
            ContractPages.Page<String> page = ContractPages.merge(answers, limit, Function.identity());
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            walked.addAll(page.items());
            if (page.next() != null) {
                assertThat(page.next()).as("the cursor moves on").isGreaterThan(after == null ? "" : after);
            }
            after = page.next();
            pages++;
        } while (after != null && pages < 100_000);

        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void aPageIsRefusedUnlessEveryPartitionWasScannedExactlyOnce() {
        var a = new ContractPages.InstancePage<String>(List.of("C-1"), "C-1", false, List.of(0, 1, 2));
        var b = new ContractPages.InstancePage<String>(List.of(), null, true, List.of(3, 4, 5));
        ContractPages.requireEveryPartitionOnce(List.of(a, b), 6);

        var moving = new ContractPages.InstancePage<String>(List.of(), null, true, List.of(2, 3, 4, 5));
        assertThatThrownBy(() -> ContractPages.requireEveryPartitionOnce(List.of(a, moving), 6))
                .as("partition 2 scanned twice").isInstanceOf(Unavailable.class);
        var fewer = new ContractPages.InstancePage<String>(List.of(), null, true, List.of(3, 4));
        assertThatThrownBy(() -> ContractPages.requireEveryPartitionOnce(List.of(a, fewer), 6))
                .as("partition 5 with nobody").isInstanceOf(Unavailable.class);
        var older = new ContractPages.InstancePage<String>(List.of(), null, false, null);
        assertThatThrownBy(() -> ContractPages.requireEveryPartitionOnce(List.of(a, b, older), 6))
                .as("an instance without a cursor").isInstanceOf(Unavailable.class);
    }

    /** What one instance's store scan gives: as LocalStores.scanContracts. */
    private static ContractPages.InstancePage<String> scan(TreeSet<String> store, String after, int limit, int budget,
                                                           Predicate<String> listed) {
        List<String> picked = new ArrayList<>();
        String last = null;
        int looked = 0;
        var range = (after == null ? store : store.tailSet(after, false)).iterator();
        while (range.hasNext() && picked.size() < limit && looked < budget) {
            last = range.next();
            looked++;
            if (listed.test(last)) {
                picked.add(last);
            }
        }
        return new ContractPages.InstancePage<>(picked, last, !range.hasNext(), List.of());
    }
}
