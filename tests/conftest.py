"""Shared fixtures. Tests never need a screen: SDL and pybullet run headless."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Every test starts from the same language settings, whatever the machine: no saved choice of
# the user's (a fresh, empty config folder) and WELDSIM_LANG=en, so tests that read English
# output stay stable; tests of the language choice itself change or delete the variable with
# monkeypatch. Set here, before any fixture of any scope runs a command.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="weldsim-test-config-")
os.environ["APPDATA"] = os.environ["XDG_CONFIG_HOME"]  # the config folder on Windows
os.environ["WELDSIM_LANG"] = "en"

import pytest

from weldsim.kinematics import bundled_robot_ids, load_robot

ROBOT_IDS = bundled_robot_ids()


#: Modules whose every test is slow (each runs whole exercises, batches or subprocesses).
SLOW_MODULES = frozenset({
    "tests/test_exercise.py",
    "tests/cli/test_grade_command.py",
    "tests/sim/test_reference_jobs.py",
    "tests/scoring/test_pipeline.py",
    "tests/pendant/test_fillet_session.py",
    "tests/pendant/test_jog_basics_session.py",
    "tests/pendant/test_pendant_recovery.py",
    "tests/pendant/test_pendant_kill.py",
    "tests/controller/test_check_run_agree.py",
    "tests/scoring/test_sweeps.py",
    "tests/badges/test_real_grading.py",
    "tests/robustness/test_grade_files.py",
})
#: Single slow tests elsewhere (node id without parameters), measured with ``--durations``.
SLOW_TESTS = frozenset({
    "tests/program/test_robustness.py::test_any_text",
    "tests/program/test_robustness.py::test_mutated_valid_jobs",
    "tests/program/test_roundtrip.py::test_write_then_parse_is_identity_on_generated_programs",
    "tests/scoring/test_metrics_synthetic.py::test_sine_weave_amplitude_and_frequency_within_one_percent",
    "tests/report/test_html.py::test_chromium_loads_the_pages",
    "tests/cli/test_run_command.py::test_new_process_json_is_byte_identical",
    "tests/cli/test_robot_command.py::test_python_dash_m_is_the_same",
    "tests/cli/test_check_plan.py::test_python_dash_m_check",
    "tests/pendant/test_pendant_screens.py::test_a_recorded_session_plays_back_the_same",
    "tests/grading/test_worker.py::test_every_row_is_right",
    # over ~1.2 s each, measured with --durations after this round's merge
    "tests/badges/test_issue_verify.py::test_any_signed_content_gives_a_verdict_never_a_crash",
    "tests/cli/test_check_plan.py::test_output_never_fails_on_the_console_encoding",
    "tests/cli/test_check_plan.py::test_reference_jobs_check_clean",
    "tests/controller/test_execution_model.py::test_a_reused_cell_gives_the_same_results_as_a_fresh_one",
    "tests/grading/test_worker.py::test_reasons_are_located_and_plain",
    "tests/grading/test_worker.py::test_tricky_file_names_only_write_into_the_output_folder",
    "tests/i18n/test_console_language.py::test_grade_follows_the_language_setting",
    "tests/i18n/test_lang_setting.py::test_saved_choice_works_across_a_new_console",
    "tests/kinematics/test_fk_urdf.py::test_fk_matches_urdf_chain",
    "tests/kinematics/test_ik.py::test_round_trip_100k",
    "tests/pendant/test_pendant_files.py::test_a_fifo_is_refused_without_hanging",
    "tests/pendant/test_pendant_files.py::test_a_folder_is_refused",
    "tests/pendant/test_pendant_files.py::test_a_latin1_job_is_refused_with_its_line_and_byte",
    "tests/pendant/test_pendant_files.py::test_dev_zero_is_refused_without_reading_it",
    "tests/pendant/test_pendant_window.py::test_every_screen_fits_the_window",
    "tests/program/test_robustness.py::test_lines_of_many_tokens_are_linear",
    "tests/program/test_robustness.py::test_long_runs_are_linear",
    "tests/report/test_plots.py::test_two_seams_get_a_legend",
    "tests/robustness/test_fuzz.py::test_scenario_values_give_a_scenario_or_a_located_error",
    "tests/scenarios/test_home_pose.py::test_reference_program_starts_and_ends_at_home_with_full_marks",
    "tests/scoring/test_metrics_synthetic.py::test_constant_speed_and_push_angle",
    "tests/scoring/test_requirements.py::test_findings_render_in_both_languages_without_english_in_indonesian",
    "tests/scoring/test_requirements.py::test_reference_jobs_still_score_100",
    "tests/test_prepare.py::test_an_empty_cache_misses_everything_and_preparing_one_kernel_fills_it",
    # over ~0.9 s each, measured with --durations after the coaching/robustness merge
    "tests/pendant/test_pendant_coaching.py::test_predicted_bead_and_markers_drawn_in_the_view",
    "tests/program/test_parse_corpus.py::test_every_input_parses_as_before",
    "tests/program/test_fastpath.py::test_a_recorded_program_costs_a_few_calls_a_line",
    "tests/program/test_fastpath.py::test_mutated_jobs_read_the_same_either_way",
    "tests/cli/test_startup_imports.py::test_a_demo_does_not_import_scipy_matplotlib_or_pygame",
    "tests/pendant/test_coach_perf.py::test_with_the_process_up_the_window_never_predicts",
    "tests/pendant/test_coach_perf.py::test_a_deferred_process_starts_only_when_asked_and_then_answers",
    "tests/pendant/test_coach_perf.py::test_the_child_dies_with_a_killed_pendant",
    "tests/pendant/test_coach_perf.py::test_the_child_exits_when_the_pendants_pipe_closes",
    "tests/pendant/test_weld_runner.py::test_after_prepare_the_first_weld_loads_no_kernel",
    "tests/grading/test_worker.py::test_json_is_byte_identical_to_weldsim_run",
    "tests/controller/test_repro.py::test_a_job_past_the_sample_budget_is_refused_at_its_line",
    "tests/i18n/test_glossary.py::test_catalogue_uses_the_glossary_terms",
    "tests/test_prepare.py::test_first_command_prepares_with_one_sentence_in_the_users_language",
    # over ~0.7 s each (summed over parameters), measured with --durations after the
    # language and help merge, to keep the quick subset under 90 s
    "tests/controller/test_alarms.py::test_check_run_and_grade_agree",
    "tests/sim/test_torch_reach.py::test_window_edges_weld_without_an_alarm",
    "tests/pendant/test_view3d.py::test_every_scenario_draws_the_arm_at_its_work",
    "tests/cli/test_startup_imports.py::test_the_parser_and_help_import_nothing_heavy",
    "tests/cli/test_job_commands_language.py::test_every_word_about_a_job_is_in_the_readers_language",
    "tests/coaching/test_hints.py::test_following_the_hint_brings_the_gauge_into_its_window",
    "tests/robustness/test_model_file_language.py::test_a_broken_file_is_told_in_english",
    "tests/robustness/test_model_file_language.py::test_a_broken_file_is_told_in_indonesian",
    "tests/robustness/test_files.py::test_the_command_line_says_the_cache_warning_once_in_its_lang",
    "tests/grading/test_foreign_database.py::test_grade_into_another_programs_database_leaves_it_untouched",
    "tests/cli/test_help_language.py::test_help_is_in_the_language",
    "tests/robustness/test_files.py::test_an_unusable_numba_cache_dir_falls_back_to_the_user_cache",
    "tests/controller/test_repro.py::test_reproducer_is_a_located_alarm",
    "tests/coaching/test_approach.py::test_following_the_approach_hint_brings_the_tip_to_the_seam",
    "tests/robustness/test_fuzz.py::test_any_file_names_are_shown_apart_and_reported_inside_out",
    "tests/coaching/test_gauges.py::test_the_analytic_ray_agrees_with_the_cell",
    "tests/scoring/test_requirements.py::test_arc_on_650_mm_past_the_seam_end_stops_the_robot_then_names_the_overrun",
    "tests/pendant/test_pendant_window.py::test_a_recording_stores_time_so_a_replay_moves_the_same_distance",
    "tests/robustness/test_fuzz.py::test_damaged_scenario_text_gives_a_located_error",
    "tests/badges/test_achievement.py::test_own_picture_must_be_png_or_svg_and_small",
    "tests/grading/test_worker.py::test_nothing_but_reports_is_written",
    "tests/pendant/test_pendant_window.py::test_the_weld_is_scored_in_the_background_and_shown_when_both_end",
    "tests/scoring/test_metrics_synthetic.py::test_circle_seam_crossing_its_start_is_continuous_and_covers_all",
    "tests/robustness/test_unmeasured_findings.py::test_the_fuzz_jobs_grade_with_a_valid_report",
    "tests/badges/test_issue_language.py::test_an_output_that_cannot_be_written",
})


def pytest_collection_modifyitems(config, items):
    """Mark ``gui`` (everything under tests/pendant) and ``slow`` (:data:`SLOW_MODULES`,
    :data:`SLOW_TESTS`) in one place, so the quick subset is ``pytest -m "not slow"``."""
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        test = item.nodeid.split("[", 1)[0]
        if path.startswith("tests/pendant/"):
            item.add_marker(pytest.mark.gui)
        if path in SLOW_MODULES or test in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", params=ROBOT_IDS)
def robot(request):
    """Each bundled robot model."""
    return load_robot(request.param)


@pytest.fixture(scope="session")
def fd_b4():
    """The default robot."""
    return load_robot("fd-b4")

