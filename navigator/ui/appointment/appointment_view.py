"""The appointment: the person panel, live suggestions, near misses and the shortlist.

From a keystroke to painted suggestions, one ranking per edit:
  1. a control in the person panel changes;
  2. the panel emits `profile_changed`;
  3. the view (re)starts its debounce timer;
  4. when it fires, the view reads the profile once and runs the match use case
     (`MatchService.match_profile`: place the postcode, then rank) on the worker;
  5. the outcome comes back on the UI thread, newest request only (`LatestOnly`);
  6. the models take it and the tables repaint, with the postcode note from the same outcome.
The view formats what the outcome holds (distances in metres, prices with their unit); it
never reaches the store or the ranking engine. Matching again from a follow-up record
(`set_profile` with a plan) takes the same path: the use case places the outcome in the plan.

Over 400 lines: it is the tab's one controller (layout, the ranking path, the shortlist side,
shared screen and compact modes); what it shows is worded in outcome_text and the models.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.matches import MatchReport
from navigator.domain.people import PlanItem
from navigator.domain.profile import LatLon, Profile
from navigator.services.handout import Handout, going_with_lines
from navigator.services.match_result import MatchOutcome
from navigator.services.matching import DirectoryMoved
from navigator.services.plan_context import PlanContext, ProfileMatcher, match_in_plan
from navigator.services.search import InterestSuggester
from navigator.ui.appointment.outcome_text import (
    also_nearby_html,
    place_note,
    plan_note,
    status_text,
)
from navigator.ui.appointment.person_panel import PersonPanel
from navigator.ui.appointment.results_tables import (
    also_nearby_label,
    near_misses_table,
    suggestions_table,
)
from navigator.ui.appointment.shortlist_panel import ShortlistPanel, heading, larger
from navigator.ui.appointment.suggestions_model import NearMissModel, SuggestionsModel
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import LatestOnly, TaskRunner
from navigator.ui.directory.directory_model import ACTIVITY_ROLE

if TYPE_CHECKING:
    from pathlib import Path

    from navigator.services.matching import DirectorySnapshot

log = logging.getLogger(__name__)

# Quick enough to feel live, slow enough not to rank on every single keystroke.
RANK_DELAY_MS = 25
SHOWN_SUGGESTIONS = 25
# Fewer lines of text than this fit the tab's height (a large system font on a laptop):
# the profile folds to a line a part, the cards are compact and the near misses fold, so
# four suggestions still show.
COMPACT_BELOW_LINES = 34


class AppointmentView(QWidget):
    ranking_finished = Signal()
    # The directory changed while a ranking read it (a start with the snapshot cache, the
    # activities read as suggestions show them): the window reads it again.
    directory_moved = Signal()

    def __init__(
        self,
        matcher: ProfileMatcher,
        runner: TaskRunner,
        clock: Callable[[], dt.datetime],
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        """`matcher`: the match use case; `runner`: the worker it runs on (it may read the
        postcode cache, and ask an online lookup when one is set up); `clock`: now, to the
        minute."""
        super().__init__(parent)
        self._matcher = matcher
        self._rankings = LatestOnly(runner)
        # The interests box's completion words for a new directory are gathered on the worker
        # (about 100 ms at 100,000 activities); the box keeps its old words until they come.
        self._suggesters = LatestOnly(runner)
        self._ranking = False  # a request is on the worker and not yet delivered
        self._clock = clock
        self._snapshot: DirectorySnapshot | None = None
        # The one the suggestions on screen were ranked in: their activities are in its
        # memory, where the newest (`_snapshot`) may not have read them yet.
        self._shown_from: DirectorySnapshot | None = None
        # The complete directory the shortlist and the interests box's words come from.
        self._listed: DirectorySnapshot | None = None
        self.outcome: MatchOutcome | None = None
        # Match again from a follow-up record: its plan and reference (see set_profile), and
        # the plan as the suggestions shown were placed in it.
        self._plan: tuple[PlanItem, ...] = ()
        self._plan_reference: str | None = None
        self._context: PlanContext | None = None
        self.report: MatchReport | None = None  # the outcome's report, for callers and tests
        self.shared_screen = False
        self.compact = False

        self.person = PersonPanel(InterestSuggester())
        self.side = ShortlistPanel(clock, self._person_at, dialogs)
        self.shortlist_model = self.side.model
        self.suggestions_model = SuggestionsModel(
            self._activity, self.shortlist_model.contains, self
        )
        self.near_miss_model = NearMissModel(self._activity, self.shortlist_model.contains, self)

        self.suggestions = suggestions_table(self.suggestions_model)
        self.suggestions.setFont(larger(self.font(), 1.15))
        self.near_misses = near_misses_table(self.near_miss_model)
        self.also_nearby = also_nearby_label()
        # Stands in for the near misses' heading when the layout is compact: opens them.
        self.near_miss_toggle = QToolButton()
        self.near_miss_toggle.setCheckable(True)
        self.near_miss_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.near_miss_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.near_miss_toggle.setText("Near misses")
        self.near_miss_toggle.setAccessibleName("Show near misses")
        self.near_miss_toggle.hide()
        self.status = QLabel("Fill in what matters to the person; suggestions appear here.")
        self.status.setAccessibleName("Suggestions summary")
        self.status.setWordWrap(True)
        # The shortlist side's parts, where callers have always found them.
        self.shortlist = self.side.shortlist
        self.details = self.side.details
        self.worker_name, self.worker_phone = self.side.worker_name, self.side.worker_phone
        self.easy_read = self.side.easy_read
        self.remove_button, self.print_button = self.side.remove_button, self.side.print_button
        self.pdf_button, self.ics_button = self.side.pdf_button, self.side.ics_button

        self._debounce = QTimer(self, singleShot=True, interval=RANK_DELAY_MS)
        # Row heights follow column widths, which settle only after layout (a scroll bar
        # appearing narrows the last column): resize once the event loop is idle.
        self._row_heights = QTimer(self, singleShot=True, interval=0)
        self._build_layout()
        self._connect_signals()

    # Layout -----------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.person_scroll = QScrollArea()
        self.person_scroll.setAccessibleName("What matters to the person")
        self.person_scroll.setWidget(self.person)
        self.person_scroll.setWidgetResizable(True)
        # The profile scrolls down, never sideways: it is as wide as its widest row needs.
        self.person_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_person_scroll()

        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(heading("Suggestions", self.suggestions))
        results_layout.addWidget(self.status)
        results_layout.addWidget(self.suggestions, 6)
        results_layout.addWidget(self.also_nearby)
        self._near_misses_heading = heading(
            "Near misses: would suit but for one thing (tick to shortlist)", self.near_misses
        )
        results_layout.addWidget(self._near_misses_heading)
        results_layout.addWidget(self.near_miss_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        results_layout.addWidget(self.near_misses, 1)

        self._splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.person_scroll)
        splitter.addWidget(results)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.person.profile_changed.connect(self._on_person_profile_changed)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._row_heights.timeout.connect(self.suggestions.resizeRowsToContents)
        self.suggestions.horizontalHeader().sectionResized.connect(
            self._on_suggestions_header_section_resized
        )
        self.suggestions_model.shortlist_toggled.connect(self._on_suggestions_shortlist_toggled)
        self.suggestions.toggle_requested.connect(self._on_suggestions_toggle_requested)
        self.suggestions.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.near_miss_model.shortlist_toggled.connect(self._on_near_miss_shortlist_toggled)
        self.near_misses.toggle_requested.connect(self._on_near_misses_toggle_requested)
        self.near_misses.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.also_nearby.linkActivated.connect(self._on_also_nearby_link_activated)
        self.shortlist_model.changed.connect(self._on_shortlist_model_changed)
        self.side.saved.connect(self.status.setText)
        # Once the panel has re-measured its parts.
        self.person.folds.changed.connect(
            lambda: QTimer.singleShot(0, self, self._fit_person_scroll)
        )
        self.near_miss_toggle.toggled.connect(self._on_near_miss_toggle_toggled)

    # The directory ----------------------------------------------------------------------------

    def set_snapshot(self, snapshot: DirectorySnapshot) -> None:
        """The directory to suggest from (loaded, or changed): the suggestions are worked
        out again, and the shortlist shows it as it now is. One read on demand (a start
        with the snapshot cache) is given again once `complete`, for the shortlist and the
        interests box's words."""
        if snapshot is not self._snapshot:
            self._snapshot = snapshot
            # Ranked at once, not after the debounce: the request then goes to the worker
            # ahead of the other sections' work on the same directory (sort orders, search
            # index, review queue: seconds at 100,000), and ahead of the interest words.
            self._debounce.stop()
            self.rank_now()
        if not snapshot.complete or snapshot is self._listed:
            return  # until then, looking activities up could mean reading the store here
        self._listed = snapshot
        self.shortlist_model.refresh(snapshot.find)
        self._suggesters.run(
            lambda: InterestSuggester(snapshot.activities),
            self.person.interests.set_suggester,
            # The words already offered stay (completion is a convenience), but a bug is
            # kept in the log rather than lost.
            lambda error: log.warning("interest words not gathered: %r", error),
        )

    @property
    def snapshot(self) -> DirectorySnapshot | None:
        """The directory suggestions come from; None until it has loaded."""
        return self._snapshot

    # The profile, for the window's File menu and its closing check ---------------------------

    def profile(self, *, for_file: bool = False) -> Profile:
        """The profile as the panel now shows it (`for_file`: as a profile file keeps it)."""
        return self.person.profile(for_file=for_file)

    def set_profile(self, profile: Profile, plan: Sequence[PlanItem] = ()) -> None:
        """Show `profile` (opened from a file or a record); the suggestions follow. `plan`:
        the record's plan, when matching again from a follow-up record: each suggestion then
        says where it stands in it, and what the person stopped is left out unless its reason
        no longer holds (services/plan_context.py). It applies while the profile keeps the
        record's reference."""
        self._plan = tuple(plan)
        self._plan_reference = profile.reference if plan else None
        self.side.going_with = going_with_lines(self._plan)
        self.person.set_profile(profile)
        self._debounce.start()

    @property
    def plan_context(self) -> PlanContext | None:
        """The plan the suggestions shown were placed in (Match again), or None."""
        return self._context

    def unsaved_work(self) -> list[str]:
        """What closing now would throw away: an interest typed but not added."""
        typed = self.person.interests.line.text().strip()
        return ["an interest typed but not added"] if typed else []

    def _activity(self, activity_id: str) -> Activity:
        """An activity the suggestions on screen name (read with them, so never from the
        store here on the UI thread)."""
        assert self._shown_from is not None
        return self._shown_from.activity(activity_id)

    # Ranking: one request per edit, after the debounce -----------------------------------------

    @property
    def ranking_pending(self) -> bool:
        """An edit is waiting for its debounce, or its suggestions are being worked out."""
        return self._debounce.isActive() or self._ranking

    def _on_person_profile_changed(self) -> None:
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self.rank_now()

    def rank_now(self) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        profile, now = self.person.profile(), self._clock()
        matcher, plan, reference = self._matcher, self._plan, self._plan_reference
        self._ranking = True
        self._rankings.run(
            lambda: match_in_plan(
                matcher,
                profile,
                now=now,
                top=SHOWN_SUGGESTIONS,
                snapshot=snapshot,
                plan=plan,
                reference=reference,
            ),
            lambda done: self._on_ranking_done(*done, snapshot=snapshot),
            self._on_ranking_failed,
        )

    def _on_ranking_done(
        self,
        outcome: MatchOutcome,
        context: PlanContext | None = None,
        *,
        snapshot: DirectorySnapshot,
    ) -> None:
        self._ranking = False
        self._shown_from = snapshot
        self.outcome, self.report, self._context = outcome, outcome.report, context
        note = place_note(outcome)
        if note is not None:
            self.person.show_place_note(note)
        report = outcome.report
        self.suggestions_model.set_suggestions(report.results, outcome.distances, outcome.prices)
        self._show_standings()
        self._row_heights.start()
        self.near_miss_model.set_near_misses(report.near_misses)
        self.near_miss_toggle.setText(
            f"Near misses ({len(report.near_misses)}) and also "
            f"{'nearby' if outcome.placed else 'available'} ({len(report.also_nearby)})"
        )
        self._show_also_nearby(outcome)
        self._update_status()
        self.ranking_finished.emit()

    def _on_ranking_failed(self, error: BaseException) -> None:
        self._ranking = False
        if isinstance(error, DirectoryMoved):
            # Its suggestions follow once the window has the directory as it now is.
            self.status.setText("The directory changed just now; reading it again…")
            self.directory_moved.emit()
            return
        self.status.setText(f"Suggestions could not be worked out: {error}")

    def _person_at(self) -> LatLon | None:
        place = self.outcome.place if self.outcome is not None else None
        return place.point if place is not None else None

    def _update_status(self) -> None:
        if self.outcome is None:
            return
        text = status_text(self.outcome, shared_screen=self.shared_screen, compact=self.compact)
        context = self._context
        if context is not None and not self.shared_screen:
            text = f"{plan_note(context)} {text}"
        self.status.setText(text)

    def _show_standings(self) -> None:
        """Where each suggestion stands in the person's plan; not on a shared screen, where
        why someone stopped is not for whoever is looking."""
        context = self._context
        shown = context is not None and not self.shared_screen
        self.suggestions_model.set_standings(
            {i: s.text for i, s in context.standings.items()} if shown and context else {}
        )

    def _show_also_nearby(self, outcome: MatchOutcome) -> None:
        self.also_nearby.setText(also_nearby_html(outcome))
        self._show_near_misses()

    def _on_also_nearby_link_activated(self, activity_id: str) -> None:
        shown = self._shown_from
        if shown is not None and activity_id in shown:
            self.details.show_activity(shown.activity(activity_id))

    def _fit_person_scroll(self) -> None:
        bar = self.person_scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * self.person_scroll.frameWidth()
        need = self.person.minimumSizeHint().width() + bar + frame
        self.person_scroll.setMinimumWidth(need)
        sizes = self._splitter.sizes() if hasattr(self, "_splitter") else []
        if self.compact and sizes and sizes[0] > need:
            # A part folded: its width goes back to the suggestions.
            self._splitter.setSizes([need, sizes[1] + sizes[0] - need, sizes[2]])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # After the panel's own widgets have taken the new font and re-measured.
            QTimer.singleShot(0, self, self._on_font_settled)  # dropped if self is gone

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_compact(self.height() < COMPACT_BELOW_LINES * self.fontMetrics().lineSpacing())

    def _on_font_settled(self) -> None:
        self._set_compact(self.height() < COMPACT_BELOW_LINES * self.fontMetrics().lineSpacing())
        self._fit_person_scroll()

    def _set_compact(self, on: bool) -> None:
        """Fold the profile, compact the cards and fold the near misses (on), or not."""
        if on == self.compact:
            return
        self.compact = on
        self.suggestions.setFont(self.font() if on else larger(self.font(), 1.15))
        self.suggestions_model.set_compact(on)
        self._row_heights.start()
        self.near_miss_toggle.setChecked(False)
        self._show_near_misses()
        self._update_status()
        self.person.folds.set_foldable(on)  # refits the profile's width

    def _on_near_miss_toggle_toggled(self, on: bool) -> None:
        self.near_miss_toggle.setArrowType(
            Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
        )
        self._show_near_misses()

    def _show_near_misses(self) -> None:
        """What does not quite fit (near misses, also nearby): shown under the suggestions,
        hidden on a shared screen, and behind one button when the layout is compact."""
        unfolded = not self.compact or self.near_miss_toggle.isChecked()
        self.also_nearby.setVisible(unfolded and bool(self.also_nearby.text()))
        shown = not self.shared_screen
        self._near_misses_heading.setVisible(shown and not self.compact)
        self.near_miss_toggle.setVisible(shown and self.compact)
        self.near_misses.setVisible(shown and unfolded)

    def _on_suggestions_header_section_resized(self, *_args: object) -> None:
        self._row_heights.start()  # wrapped text needs new heights once widths settle

    def stop(self) -> None:
        """The window is closing: no more ranking or resizing."""
        self._debounce.stop()
        self._row_heights.stop()

    # Shared screen ----------------------------------------------------------------------------

    def set_shared_screen(self, on: bool) -> None:
        self.shared_screen = on
        self.person_scroll.setVisible(not on)
        self._show_near_misses()
        self._show_standings()
        self._update_status()

    # The shortlist ----------------------------------------------------------------------------

    def _on_suggestions_shortlist_toggled(self, activity_id: str, checked: bool) -> None:
        if checked:
            self.side.add(self._activity(activity_id))
        else:
            self.shortlist_model.remove(activity_id)

    def _on_suggestions_toggle_requested(self, row: int) -> None:
        self.side.toggle(self._activity(self.suggestions_model.suggestion_at(row).id))

    def _on_near_miss_shortlist_toggled(self, activity_id: str, checked: bool) -> None:
        if checked:
            self.side.add(self._activity(activity_id), near_miss_fact=self._fact(activity_id))
        else:
            self.shortlist_model.remove(activity_id)

    def _on_near_misses_toggle_requested(self, row: int) -> None:
        activity_id = self.near_miss_model.near_miss_at(row).id
        self.side.toggle(self._activity(activity_id), near_miss_fact=self._fact(activity_id))

    def _fact(self, activity_id: str) -> str | None:
        """What the handout states for a near miss chosen anyway ("Costs £1 a session")."""
        misses = self.report.near_misses if self.report is not None else ()
        return next((m.fact for m in misses if m.id == activity_id), None)

    def _on_shortlist_model_changed(self) -> None:
        self.suggestions_model.refresh_ticks()
        self.near_miss_model.refresh_ticks()

    def _on_table_row_changed(self, current: QModelIndex, _: object) -> None:
        self.details.show_activity(current.data(ACTIVITY_ROLE) if current.isValid() else None)

    def handout(self) -> Handout:
        """The handout for the shortlist, as the person will see it."""
        return self.side.handout()

    def save_handout_pdf(self, path: Path) -> bool:
        return self.side.save_handout_pdf(path)
