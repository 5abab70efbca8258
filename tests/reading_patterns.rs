//! General patterns of attribution that a new user's corpus showed quarry
//! reading wrongly, each on sentences made for the test (not the ones the
//! report quoted), through `quarry extract --jsonl`.

mod common;

use std::process::Command;

/// The article made of `paragraphs` and the lines `quarry extract --jsonl`
/// prints for it.
fn extract_lines(paragraphs: &[&str]) -> (String, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    let text = format!("A made-up report\n\n{}\n", paragraphs.join("\n\n"));
    std::fs::write(&path, &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["extract", "--jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (text, lines)
}

/// (kind, content, speaker, source) of each statement `quarry extract`
/// finds in an article made of `paragraphs`.
fn statements(paragraphs: &[&str]) -> Vec<(String, String, Option<String>, Option<String>)> {
    extract_lines(paragraphs)
        .1
        .iter()
        .map(|v| {
            let text = |k: &str| v[k].as_str().map(str::to_string);
            (
                text("kind").unwrap(),
                text("quote").unwrap(),
                text("speaker"),
                text("source"),
            )
        })
        .collect()
}

type Found = (String, String, Option<String>, Option<String>);

/// The statement whose content is `content` (which must be found).
fn statement_of<'a>(found: &'a [Found], content: &str) -> &'a Found {
    found
        .iter()
        .find(|s| s.1 == content)
        .unwrap_or_else(|| panic!("{content}: {found:?}"))
}

/// The speaker of the statement whose content is `content`.
fn speaker_of(found: &[Found], content: &str) -> Option<String> {
    statement_of(found, content).2.clone()
}

fn contents(found: &[(String, String, Option<String>, Option<String>)]) -> Vec<&str> {
    found.iter().map(|s| s.1.as_str()).collect()
}

#[test]
fn an_attribution_inside_the_content_leaves_it_in_two_pieces() {
    let (text, lines) = extract_lines(&[
        "The last harvest, Governor Ada Marsh said, was the smallest in a decade, and the \
         state will buy seed for every farm that lost its crop.",
    ]);
    let line = lines
        .iter()
        .find(|l| {
            l["quote"]
                .as_str()
                .is_some_and(|q| q.starts_with("The last harvest"))
        })
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert_eq!(line["speaker"], "Ada Marsh");
    let pieces: Vec<&str> = line["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &text[p[0].as_u64().unwrap() as usize..p[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        pieces,
        [
            "The last harvest",
            "was the smallest in a decade, and the state will buy seed for every farm that \
             lost its crop"
        ]
    );
    // The quote is still the article's words, attribution and all.
    let whole =
        &text[line["start"].as_u64().unwrap() as usize..line["end"].as_u64().unwrap() as usize];
    assert_eq!(line["quote"], whole);
    assert!(whole.contains("Governor Ada Marsh said"), "{whole}");
    common::assert_schema("extract-line.schema.json", line);
}

#[test]
fn a_transcripts_label_is_who_spoke_not_what_was_said() {
    let found = statements(&[
        "Governor Ada Marsh spoke to the host on Sunday. The transcript follows.",
        "\"HOST: Will the plant close before the winter comes?",
        "\"MARSH: Well, look, the plant stays open as long as the orders keep coming in.",
    ]);
    let (kind, _, speaker, source) = statement_of(
        &found,
        "Well, look, the plant stays open as long as the orders keep coming in.",
    );
    assert_eq!(kind, "quote");
    assert_eq!(speaker.as_deref(), Some("Ada Marsh"));
    assert_eq!(source.as_deref(), Some("MARSH"));
    statement_of(&found, "Will the plant close before the winter comes?");
}

#[test]
fn the_particle_of_a_phrasal_cue_is_not_the_contents_first_word() {
    let found = statements(&[
        "The harbor master pointed out that two ferries had been late all winter.",
        "Ida Berg pointed out the cost of the new bridge, aides said.",
    ]);
    let c = contents(&found);
    assert!(
        c.contains(&"that two ferries had been late all winter"),
        "{c:?}"
    );
    assert!(!c.iter().any(|c| c.starts_with("out ")), "{c:?}");
}

#[test]
fn when_it_was_said_does_not_push_the_cues_preposition_into_the_content() {
    let found = statements(&[
        "Mayor Ada Okafor called Friday for a full audit of the transit budget.",
        "The dockworkers' union warned on Tuesday of a strike before the holidays.",
    ]);
    let c = contents(&found);
    assert!(c.contains(&"a full audit of the transit budget"), "{c:?}");
    assert!(c.contains(&"a strike before the holidays"), "{c:?}");
}

#[test]
fn a_content_stops_at_the_next_attributions_cue() {
    let found = statements(&[
        "Alderman Joe Varga, who voted against the levy, said the schools would lose staff.",
    ]);
    assert_eq!(
        speaker_of(&found, "the schools would lose staff").as_deref(),
        Some("Joe Varga")
    );
    assert!(!found.iter().any(|s| s.1.contains(", said")), "{found:?}");
}

#[test]
fn a_role_given_beside_a_name_resolves_the_description_later() {
    let found = statements(&[
        "Priya Raman, the county health officer, warned that flu cases would climb. \
         The county health officer also said clinics would open on Saturdays.",
        "The harbor pilot, Ines Duarte, said the channel was silting up. \
         Later the harbor pilot said dredging would start in May.",
    ]);
    assert_eq!(
        speaker_of(&found, "clinics would open on Saturdays").as_deref(),
        Some("Priya Raman")
    );
    assert_eq!(
        speaker_of(&found, "dredging would start in May").as_deref(),
        Some("Ines Duarte")
    );
}

#[test]
fn a_short_first_name_is_the_same_person() {
    let found = statements(&[
        "Benjamin Ortiz, a farmer near the river, said the levee held.",
        "Ben Ortiz later told reporters that the fields were dry again.",
        "Robert Quinn said the vote was close. Bob Quinn added that a recount was unlikely.",
    ]);
    let speakers: Vec<&str> = found.iter().filter_map(|s| s.2.as_deref()).collect();
    assert!(
        speakers
            .iter()
            .all(|s| *s == "Benjamin Ortiz" || *s == "Robert Quinn"),
        "{speakers:?}"
    );
    assert_eq!(speakers.len(), 4, "{found:?}");
}

#[test]
fn a_surname_that_is_also_a_place_word_is_still_a_person() {
    let found = statements(&[
        "Grace Park said the exports had doubled.",
        "Representative Lisa Hall said the bill would pass.",
    ]);
    let speakers: Vec<Option<&str>> = found.iter().map(|s| s.2.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("Grace Park"), Some("Lisa Hall")],
        "{found:?}"
    );
}

#[test]
fn a_participle_speaks_for_its_clause_subject_only() {
    let found = statements(&[
        "Grace Oyelaran left the meeting early, saying she was needed at the clinic.",
        "Farm groups will join the governor at the fair, hoping to win new subsidies.",
    ]);
    assert_eq!(
        speaker_of(&found, "she was needed at the clinic").as_deref(),
        Some("Grace Oyelaran")
    );
    // The governor is the object of "join", not who hopes.
    assert!(
        !found
            .iter()
            .any(|s| s.1.contains("subsidies") && s.2.is_some()),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|s| s.3.as_deref() == Some("she")),
        "{found:?}"
    );
}

#[test]
fn a_quotation_that_ends_a_reported_clause_gives_both() {
    let found = statements(&[
        "Mwangi told the BBC that the miners would stay underground “until the pay is fixed.”",
        // No "that": the clause's own verb ("are") says it is one.
        "Governor Ada Marsh said the council and the press are to blame for dwelling on \
         “every rumor about the plant.”",
        // The writer names the subject, the quotation opens with its verb.
        "Mwangi said the new contract “will keep every shaft open through the winter.”",
        // A day is when, not who: the quotation is all that was said.
        "Governor Ada Marsh said Tuesday “Will they ever pay for the bridge they broke?”",
    ]);
    let kinds: Vec<(&str, &str)> = found.iter().map(|s| (s.0.as_str(), s.1.as_str())).collect();
    for (kind, content) in [
        (
            "reported",
            "that the miners would stay underground “until the pay is fixed.”",
        ),
        ("quote", "until the pay is fixed."),
        (
            "reported",
            "the council and the press are to blame for dwelling on “every rumor about the \
             plant.”",
        ),
        ("quote", "every rumor about the plant."),
        (
            "reported",
            "the new contract “will keep every shaft open through the winter.”",
        ),
        ("quote", "will keep every shaft open through the winter."),
    ] {
        assert!(kinds.contains(&(kind, content)), "{content}: {kinds:?}");
    }
    assert!(
        found
            .iter()
            .all(|s| matches!(s.2.as_deref(), Some("Mwangi" | "Ada Marsh"))),
        "{found:?}"
    );
    let asked: Vec<&str> = kinds
        .iter()
        .filter(|(_, content)| content.contains("Will they ever pay"))
        .map(|(kind, _)| *kind)
        .collect();
    assert_eq!(asked, ["quote"], "{kinds:?}");
}

#[test]
fn a_thing_speaks_for_the_owner_its_phrase_names() {
    let found = statements(&[
        "Senator Ruth Okonkwo opened her race in Dayton on Monday.",
        "The Okonkwo campaign said the senator would visit every county.",
        "Her campaign said she would debate twice.",
        "A Marlow Institute survey found that most renters backed the levy. \
         The survey also showed that turnout would be low.",
        "A study by Brennan Civic Lab economist Tomas Hale concluded that fares were too high.",
    ]);
    assert_eq!(
        speaker_of(&found, "the senator would visit every county").as_deref(),
        Some("Ruth Okonkwo")
    );
    assert_eq!(
        speaker_of(&found, "that most renters backed the levy").as_deref(),
        Some("Marlow Institute")
    );
    // A later "the survey" is the same survey's.
    assert_eq!(
        speaker_of(&found, "that turnout would be low").as_deref(),
        Some("Marlow Institute")
    );
    // The author after "by", not the body before his name.
    assert_eq!(
        speaker_of(&found, "that fares were too high").as_deref(),
        Some("Tomas Hale")
    );
    assert_eq!(
        speaker_of(&found, "she would debate twice").as_deref(),
        Some("Ruth Okonkwo")
    );
}

#[test]
fn a_topic_after_of_is_not_an_owner() {
    let found = statements(&[
        "A poll of Ohio voters found that the levy would pass.",
        "A spokeswoman for Calder Mills said the plant would stay open.",
    ]);
    assert_eq!(speaker_of(&found, "that the levy would pass"), None);
    // An unnamed spokeswoman speaks for the company.
    assert_eq!(
        speaker_of(&found, "the plant would stay open").as_deref(),
        Some("Calder Mills")
    );
}

#[test]
fn a_name_written_with_a_determiner_or_a_title_is_still_a_name() {
    let found = statements(&[
        "The Urban Transit Research Center estimated that fares would double.",
        "According to the NAACP, the new maps diluted Black votes.",
        "North Korean leader Kim Jong-un said the launch was a success.",
    ]);
    assert_eq!(
        speaker_of(&found, "that fares would double").as_deref(),
        Some("Urban Transit Research Center")
    );
    assert_eq!(
        speaker_of(&found, "the new maps diluted Black votes").as_deref(),
        Some("NAACP")
    );
    assert_eq!(
        speaker_of(&found, "the launch was a success").as_deref(),
        Some("Kim Jong-un")
    );
}

#[test]
fn acts_and_aims_report_no_words() {
    let found = statements(&[
        "Regional ministers will travel with Amara Diallo to Geneva, seeking to strengthen her hand.",
        "The county board passed a $90 million transit plan on Tuesday.",
        "Commissioner Lena Ortiz, who voted against the plan, said the county could not afford it.",
        "The mayor spoke for an hour on Monday.",
        "Governor Ines Varga remained defiant Thursday in the wake of the levee vote during her two-hour briefing.",
    ]);
    let c = contents(&found);
    assert_eq!(c, vec!["the county could not afford it"], "{found:?}");
    assert_eq!(
        speaker_of(&found, "the county could not afford it").as_deref(),
        Some("Lena Ortiz")
    );
}

#[test]
fn a_quotation_with_its_own_attribution_is_not_inside_another_statement() {
    let found = statements(&[
        "In a video posted online, Diallo wrote, “WE ARE CLOSE TO A DEAL” she offered no timetable.",
    ]);
    assert_eq!(
        contents(&found),
        vec!["WE ARE CLOSE TO A DEAL"],
        "{found:?}"
    );
}

#[test]
fn an_interviews_answers_are_the_interviewees_and_its_questions_nobodys() {
    let found = statements(&[
        "Marta Quiroga has coached the Riverside rowing club since 2009. \
         She talked to us about the new boathouse.",
        "Q: Will the boathouse open in spring?",
        "A: Yes. The roof is on and the floats arrive in March.",
        "Q: What did the mayor promise you?",
        "A: Nothing yet, but the council owes us an answer by June.",
    ]);
    assert_eq!(
        contents(&found),
        vec![
            "Yes. The roof is on and the floats arrive in March.",
            "Nothing yet, but the council owes us an answer by June."
        ],
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|s| s.2.as_deref() == Some("Marta Quiroga")),
        "{found:?}"
    );
}

#[test]
fn an_opening_line_that_describes_before_it_names_is_the_person_named_next() {
    let found = statements(&[
        "In two radio interviews, the mayor said the channel would reopen in May.",
        "Mayor Ines Calder on Monday said dredging had finished early.",
    ]);
    assert_eq!(
        speaker_of(&found, "the channel would reopen in May").as_deref(),
        Some("Ines Calder")
    );
}

/// A one-word name opening its sentence, with a role set beside it before
/// the cue: a name, not a word of the sentence; an adverb in its place is
/// not.
#[test]
fn a_lone_surname_with_an_apposed_role_is_a_speaker() {
    let found = statements(&[
        "Governor Ellen Marsh toured the flooded county on Monday.",
        "Thornton, the county emergency chief, said the levee had held through the night.",
        "Separately, a state engineer said the spillway would be inspected this week.",
    ]);
    assert_eq!(
        speaker_of(&found, "the levee had held through the night").as_deref(),
        Some("Thornton"),
        "{found:?}"
    );
    let engineer = found
        .iter()
        .find(|s| s.1.contains("spillway"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_ne!(engineer.2.as_deref(), Some("Separately"), "{found:?}");
}

/// A party tag whose state is written with periods ("D-N.Y.") is one
/// word, not a sentence ending at "N.": the statement after it is found
/// and given to the senator before it.
#[test]
fn a_party_tag_with_periods_does_not_end_the_sentence() {
    let found = statements(&[
        "Sen. Maria Delgado, D-N.M., said the pipeline would be stopped.",
        "Rep. Owen Hale, R-S.D., a member of the farm committee, said crop prices would fall.",
    ]);
    assert_eq!(
        speaker_of(&found, "the pipeline would be stopped").as_deref(),
        Some("Maria Delgado")
    );
    assert_eq!(
        speaker_of(&found, "crop prices would fall").as_deref(),
        Some("Owen Hale")
    );
}

/// Who was told is one object: "told reporters the levee held" gives "the
/// levee held", the content's own determiner kept.
#[test]
fn who_was_told_ends_before_the_contents_determiner() {
    let found = statements(&[
        "Mayor Ines Porter told reporters the levee held overnight.",
        "Porter told the Herald the shelters would close on Friday.",
        "Porter told him a new bridge was planned.",
    ]);
    let got = contents(&found);
    for content in [
        "the levee held overnight",
        "the shelters would close on Friday",
        "a new bridge was planned",
    ] {
        assert!(got.contains(&content), "{content}: {got:?}");
    }
}

/// A closing attribution followed only by where or when it was said
/// ("…, the union said in a statement.") gives the clause before it, not
/// "in a statement".
#[test]
fn where_it_was_said_after_a_closing_attribution_is_not_the_content() {
    let found = statements(&[
        "Night buses will run again from March, Mayor Ines Porter said in a statement.",
        "The river crossing stays shut until the inspection ends, Porter told reporters at a briefing on Friday.",
    ]);
    let got = contents(&found);
    for content in [
        "Night buses will run again from March",
        "The river crossing stays shut until the inspection ends",
    ] {
        assert!(got.contains(&content), "{content}: {got:?}");
    }
    assert!(
        !got.iter()
            .any(|c| c.starts_with("in a") || c.starts_with("at a")),
        "{got:?}"
    );
}

/// "Critics say …", "Experts said …": a group named by what it is speaks,
/// but no one in particular — no speaker is shown as a name.
#[test]
fn a_group_named_by_what_it_is_is_no_named_speaker() {
    let found = statements(&[
        "Critics say the toll plan favors commuters from the suburbs.",
        "Economists said the levy would barely dent demand.",
    ]);
    for content in [
        "the toll plan favors commuters from the suburbs",
        "the levy would barely dent demand",
    ] {
        assert_eq!(speaker_of(&found, content), None, "{found:?}");
    }
}

/// Where reported words end is learned (`src/extract/ends.rs`): a clause
/// after a semicolon with its own subject is the writer's, not the
/// speaker's.
#[test]
fn a_content_ends_where_another_clause_takes_over() {
    let found = statements(&[
        "The minister said the port would close for a week; shipping firms rerouted their vessels.",
        "Dr. Ana Ruiz told reporters the vaccine was safe; the trial had enrolled 4,000 people.",
        "Police said the road would reopen on Monday; drivers were told to use the bypass.",
    ]);
    let got = contents(&found);
    for content in [
        "the port would close for a week",
        "the vaccine was safe",
        "the road would reopen on Monday",
    ] {
        assert!(got.contains(&content), "{content}: {got:?}");
    }
}

/// "“…,” said flood victim Mary Colson": after a cue that follows a
/// quotation, words describing the speaker (lower-case, a number, a
/// "Florida-based", "the" before a title, or a name that owns the
/// speaker's) come before the name.
#[test]
fn words_describing_the_speaker_after_an_inverted_cue() {
    let found = statements(&[
        "“The water came up to the second floor,” said longtime dock worker Ana Ruiz.",
        "“We had two hours of warning,” said 24-hour shift nurse Tomas Berg.",
        "“The shelter stays open all week,” said the Rev. Martin Osei, of Hill Street Chapel.",
        "“The pumps failed at noon,” said Ohio-born county engineer Lisa Grant.",
        "“Nobody planned for this,” said Dalton College’s Priya Nair.",
    ]);
    assert_eq!(
        speaker_of(&found, "The water came up to the second floor,").as_deref(),
        Some("Ana Ruiz")
    );
    assert_eq!(
        speaker_of(&found, "We had two hours of warning,").as_deref(),
        Some("Tomas Berg")
    );
    assert_eq!(
        speaker_of(&found, "The shelter stays open all week,").as_deref(),
        Some("Martin Osei")
    );
    assert_eq!(
        speaker_of(&found, "The pumps failed at noon,").as_deref(),
        Some("Lisa Grant")
    );
    // A name owning the next one: the person speaks, not the college.
    assert_eq!(
        speaker_of(&found, "Nobody planned for this,").as_deref(),
        Some("Priya Nair")
    );
}

/// "A Wall Street Journal/NBC News poll released Sunday found …": a poll
/// two bodies made speaks for the two as written, and a participle after
/// the document ("released Sunday") does not become the phrase's head.
#[test]
fn a_joint_poll_speaks_for_both_of_its_makers() {
    let found = statements(&[
        "A Harbor Gazette/KRTV News survey released Monday found that voters favor the levee bond.",
        "The latest Ridge/Hale poll showed the mayor trailing by four points.",
    ]);
    assert_eq!(
        speaker_of(&found, "that voters favor the levee bond").as_deref(),
        Some("Harbor Gazette/KRTV News")
    );
    assert_eq!(
        speaker_of(&found, "the mayor trailing by four points").as_deref(),
        Some("Ridge/Hale")
    );
}

#[test]
fn a_description_set_before_a_name_is_that_persons() {
    let found = statements(&[
        "“We will not sign this,” said Mayor Dunn’s chief housing adviser Priya Natarajan.",
        "“The vote is a mistake,” wrote the county auditor at the time, Leon Farrow.",
        "The chair of the Harbor Tenants League, Odile Marchetti, told reporters the strike would go on.",
    ]);
    // The person the description ends on, not the owner it starts with.
    assert_eq!(
        speaker_of(&found, "We will not sign this,").as_deref(),
        Some("Priya Natarajan")
    );
    // A role, an attachment, a comma, the name: the name speaks.
    assert_eq!(
        speaker_of(&found, "The vote is a mistake,").as_deref(),
        Some("Leon Farrow")
    );
    // The body after "of" is where the chair sits, not who spoke.
    assert_eq!(
        speaker_of(&found, "the strike would go on").as_deref(),
        Some("Odile Marchetti")
    );
}

#[test]
fn a_described_thing_speaks_for_the_owner_its_phrase_names() {
    let found = statements(&[
        "Turnout will fall in the suburbs, according to the Keller Research rolling average.",
        "Councilwoman Ada Brooks said the depot would close.",
    ]);
    // "average" is no role of a person: the phrase's owner speaks.
    assert_eq!(
        speaker_of(&found, "Turnout will fall in the suburbs").as_deref(),
        Some("Keller Research")
    );
}

#[test]
fn the_company_is_the_organisation_named_just_before() {
    let found = statements(&[
        "The Harwell Dairy Cooperative cut 200 jobs at its depot on Friday.",
        "Mayor Lena Voss called the cuts a betrayal.",
        "The company said it would meet the union next week.",
    ]);
    // The organisation, not the person named since: the name tagger
    // tells which names are organisations.
    assert_eq!(
        speaker_of(&found, "it would meet the union next week").as_deref(),
        Some("Harwell Dairy Cooperative")
    );
}

#[test]
fn the_first_of_several_names_leads() {
    let found = statements(&[
        "Former Ohio Gov. Ray Dunn (D) and former Utah Gov. Sam Hale (R) said the compact would hold.",
        "The novelists Lena Ortiz, Paul Kim and Joan Wu said the prize was rigged.",
        "In Toledo, Ana Ruiz and Tom Beck said the plant would reopen.",
    ]);
    // Past a party tag and the "former" of the second name.
    assert_eq!(
        speaker_of(&found, "the compact would hold").as_deref(),
        Some("Ray Dunn")
    );
    // Through the commas of a list an "and" closes.
    assert_eq!(
        speaker_of(&found, "the prize was rigged").as_deref(),
        Some("Lena Ortiz")
    );
    // A place after a preposition is no member of the list.
    assert_eq!(
        speaker_of(&found, "the plant would reopen").as_deref(),
        Some("Ana Ruiz")
    );
}

#[test]
fn any_past_tense_verb_beside_a_name_after_a_quotation_attributes_it() {
    let found = statements(&[
        "Councilwoman Rosa Lind and Mayor Ed Park met on Monday.",
        "“Nobody leaves this room until we have a deal,” Lind growled.",
        "“What a night for this city!” crowed Ed Park, waving to the crowd.",
        "She wore a “Vote Yes,” sticker and smiled.",
    ]);
    assert_eq!(
        speaker_of(&found, "Nobody leaves this room until we have a deal,").as_deref(),
        Some("Rosa Lind")
    );
    assert_eq!(
        speaker_of(&found, "What a night for this city!").as_deref(),
        Some("Ed Park")
    );
    // Two words in quotation marks are a title, not a statement.
    assert!(!contents(&found).contains(&"Vote Yes,"), "{found:?}");
}

#[test]
fn as_someone_put_it_attributes_the_quotation() {
    let found = statements(&[
        "As the Harbor Gazette put it, “The council has lost its way.”",
        "Mayor Ada Lin spoke next. As she put it: “We were never asked.”",
    ]);
    assert_eq!(
        speaker_of(&found, "The council has lost its way.").as_deref(),
        Some("Harbor Gazette")
    );
    assert_eq!(
        speaker_of(&found, "We were never asked.").as_deref(),
        Some("Ada Lin")
    );
}

/// The source phrase of the statement whose content is `content`.
fn source_of(found: &[Found], content: &str) -> String {
    statement_of(found, content).3.clone().unwrap_or_default()
}

#[test]
fn the_source_is_the_whole_phrase_that_names_the_speaker() {
    let found = statements(&[
        "Joel Pike of the Harbor Gazette observed that the council had lost its way.",
        "Murphy, the head of Save Our Parks, said the vote was rigged.",
        "“We lost,” said Jim Clay, a Democratic councilman from Toledo.",
        "GOP frontrunner Ed Park said taxes would fall.",
        "The billionaire developer said the tower would rise.",
        "The Park campaign on Tuesday said it had raised $2 million.",
        "Park, however, said the plan was dead.",
        "Dean Moss, a salesman from Sumter, South Carolina, said the plant would close.",
        "Marv Teske, 53, a guard at a Reno casino, said he would vote.",
        "The Holt campaign has repeatedly said that fees would drop.",
        "On Monday Park said the deal was off.",
    ]);
    let cases = [
        (
            "that the council had lost its way",
            "Joel Pike of the Harbor Gazette",
        ),
        ("the vote was rigged", "Murphy, the head of Save Our Parks"),
        ("We lost,", "Jim Clay, a Democratic councilman from Toledo"),
        ("taxes would fall", "GOP frontrunner Ed Park"),
        ("the tower would rise", "The billionaire developer"),
        // Not the day it was said, nor an adverb between commas.
        ("it had raised $2 million", "The Park campaign"),
        ("the plan was dead", "Park"),
        // Commas inside the apposition, an age before it.
        (
            "the plant would close",
            "Dean Moss, a salesman from Sumter, South Carolina",
        ),
        ("he would vote", "Marv Teske, 53, a guard at a Reno casino"),
        // The noun a name describes, not the verb's adverb.
        ("that fees would drop", "The Holt campaign"),
        // The day that opens the sentence is not the name's.
        ("the deal was off", "Park"),
    ];
    for (content, source) in cases {
        assert_eq!(source_of(&found, content), source, "{content}");
    }
    // The speaker is still the person named.
    assert_eq!(
        speaker_of(&found, "the vote was rigged").as_deref(),
        Some("Murphy")
    );
}

#[test]
fn a_name_after_a_comma_and_a_cue_speaks_for_what_came_before() {
    let found = statements(&[
        "Lakeview Transit also runs the same four buses on every route, said Nora Quist.",
        "Brill Foods shut two plants last year, said Omar Tate, an analyst at Fenwick Partners.",
    ]);
    // Not "Lakeview Transit" saying "Nora Quist".
    assert_eq!(
        speaker_of(
            &found,
            "Lakeview Transit also runs the same four buses on every route"
        )
        .as_deref(),
        Some("Nora Quist")
    );
    assert_eq!(
        speaker_of(&found, "Brill Foods shut two plants last year").as_deref(),
        Some("Omar Tate")
    );
    assert!(
        !contents(&found).iter().any(|c| c.starts_with("Nora Quist")),
        "{found:?}"
    );
}

#[test]
fn a_closing_cue_may_name_who_was_told() {
    let found = statements(&[
        "The pier will stay shut until June, a port official told The Coastal Ledger.",
        "Jo Banner, a city councilor, said the rents were too high.",
        "Two tenants had already moved out, Banner told Channel 9 News.",
    ]);
    assert_eq!(
        source_of(&found, "The pier will stay shut until June"),
        "a port official"
    );
    assert_eq!(
        speaker_of(&found, "Two tenants had already moved out").as_deref(),
        Some("Jo Banner")
    );
}

#[test]
fn the_preposition_a_cue_takes_is_the_cues() {
    let found = statements(&[
        "Senator Alma Reyes talked about the harbor dredging plan for an hour.",
        "The farmers' union railed against the new water tariff.",
    ]);
    let c = contents(&found);
    assert!(c.contains(&"the harbor dredging plan for an hour"), "{c:?}");
    assert!(c.contains(&"the new water tariff"), "{c:?}");
    assert!(
        !c.iter()
            .any(|c| c.starts_with("about ") || c.starts_with("against ")),
        "{c:?}"
    );
}

#[test]
fn a_word_that_floats_off_the_subject_is_neither_cue_nor_source() {
    let found = statements(&[
        "The two harbor commissioners both praised the dredging contract with the port.",
        "Lin Ortega once argued the ferry tax would pay for itself.",
    ]);
    assert_eq!(
        source_of(&found, "the dredging contract with the port"),
        "The two harbor commissioners"
    );
    assert!(
        !contents(&found).iter().any(|c| c.starts_with("praised")),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "the ferry tax would pay for itself").as_deref(),
        Some("Lin Ortega")
    );
}

#[test]
fn the_poll_is_the_one_named_with_its_maker_before() {
    let found = statements(&[
        "A new Harbor Institute poll of 900 voters was released on Tuesday.",
        "The poll found that most voters distrust the transit board.",
        "Ana Ruiz's campaign spent $40,000 on radio spots last month.",
        "The campaign said the spots would run until the primary.",
    ]);
    assert_eq!(
        speaker_of(&found, "that most voters distrust the transit board").as_deref(),
        Some("Harbor Institute")
    );
    assert_eq!(
        speaker_of(&found, "the spots would run until the primary").as_deref(),
        Some("Ana Ruiz")
    );
}

#[test]
fn the_article_s_main_figure_is_who_its_descriptions_mean() {
    let found = statements(&[
        "Mara Voss opened a clinic in the old mill in 2019. Voss now runs four clinics on the river.",
        "Patients praise Voss for her hours. A city planner, Tom Reed, approved the permits.",
        "The retired neurosurgeon told the council the tower would rise by 2028.",
    ]);
    assert_eq!(
        speaker_of(&found, "the tower would rise by 2028").as_deref(),
        Some("Mara Voss")
    );
}

#[test]
fn a_question_the_article_does_not_say_who_asked_is_nobodys_statement() {
    let found = statements(&[
        "Asked whether the ferry would run all winter, Councilwoman Ada Brink said the budget decided that.",
        "When asked about the new toll on the bridge, Brink shrugged.",
    ]);
    let question = statement_of(&found, "whether the ferry would run all winter");
    assert_eq!((question.2.as_deref(), question.3.as_deref()), (None, None));
    // The answer is still the councilwoman's.
    assert_eq!(
        speaker_of(&found, "the budget decided that").as_deref(),
        Some("Ada Brink")
    );
    assert!(
        contents(&found).contains(&"the new toll on the bridge"),
        "{found:?}"
    );
}

#[test]
fn a_sentence_after_a_quotation_that_reports_a_clause_is_its_own() {
    let found = statements(&[
        "The new rules require landlords “to disclose every fee in writing.” Ortiz says he has not read the rules yet.",
        "“We will appeal,” Mayor Ed Park said. Park said the city would file on Monday.",
    ]);
    assert_eq!(
        speaker_of(&found, "he has not read the rules yet").as_deref(),
        Some("Ortiz")
    );
    // The quotation before it is still read, and the quotation that a
    // bare "Mayor Ed Park said" closes is still his.
    assert!(
        contents(&found).contains(&"to disclose every fee in writing."),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "We will appeal,").as_deref(),
        Some("Ed Park")
    );
    assert_eq!(
        speaker_of(&found, "the city would file on Monday").as_deref(),
        Some("Ed Park")
    );
}

#[test]
fn a_quotation_after_an_opening_phrase_and_a_cue_is_what_was_said() {
    let found = statements(&[
        "In a radio interview, Mayor Lin Ortega said, “THE BRIDGE REOPENS FRIDAY!” she gave no hour",
    ]);
    // Neither the opening phrase nor the quotation with the words after it
    // is a statement: the quotation alone is.
    assert_eq!(
        contents(&found),
        ["THE BRIDGE REOPENS FRIDAY!"],
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "THE BRIDGE REOPENS FRIDAY!").as_deref(),
        Some("Lin Ortega")
    );
}

#[test]
fn an_adverb_between_the_auxiliary_and_the_cue_is_neither_cue_nor_content() {
    let found = statements(&[
        "Dana Whitfield, the county's budget chief, spoke at the hearing.",
        "Whitfield has since argued the levy is too low to pay for the roads.",
        "Whitfield has long maintained that the bridge fund is short.",
    ]);
    assert_eq!(
        speaker_of(&found, "the levy is too low to pay for the roads").as_deref(),
        Some("Dana Whitfield")
    );
    assert_eq!(
        speaker_of(&found, "that the bridge fund is short").as_deref(),
        Some("Dana Whitfield")
    );
}

#[test]
fn an_aside_between_the_cue_and_its_that_is_not_content() {
    let found = statements(&[
        "Dana Whitfield, the county's budget chief, spoke at the hearing.",
        "Whitfield said, more than once, that the levy would pass in the spring.",
        "Whitfield told the board, during a break in the vote, that the roads came first.",
    ]);
    assert_eq!(
        speaker_of(&found, "that the levy would pass in the spring").as_deref(),
        Some("Dana Whitfield")
    );
    assert_eq!(
        speaker_of(&found, "that the roads came first").as_deref(),
        Some("Dana Whitfield")
    );
}

#[test]
fn a_counted_group_after_an_inverted_cue_speaks_for_what_came_before() {
    let found = statements(&[
        "The old bridge will need new cables within a decade, say several engineers, who inspected it in May.",
        "The toll is a tax by another name, said some Republicans.",
    ]);
    assert_eq!(
        source_of(
            &found,
            "The old bridge will need new cables within a decade"
        ),
        "several engineers"
    );
    assert_eq!(
        speaker_of(&found, "The toll is a tax by another name").as_deref(),
        Some("Republicans")
    );
}

#[test]
fn a_description_no_rule_resolves_is_the_person_just_named() {
    let found = statements(&[
        "Sheriff Cole Brandt's campaign released a radio spot on Monday. “Every bus will run on time by June,” the narrator says.",
        "Judge Amos Telford retired from the county bench last spring. “I never once ruled from the gut,” the father of six said.",
    ]);
    assert_eq!(
        speaker_of(&found, "Every bus will run on time by June,").as_deref(),
        Some("Cole Brandt")
    );
    assert_eq!(
        speaker_of(&found, "I never once ruled from the gut,").as_deref(),
        Some("Amos Telford")
    );
}

#[test]
fn a_noun_phrase_no_word_list_holds_is_a_source() {
    let found = statements(&[
        "Coach Marta Velez took over the team in 2019. “We play for the town first,” the former goalkeeper said.",
        "Local beekeepers have warned that the new spray kills whole hives in a week.",
        "The mother of twins said the crossing guard had saved her son twice.",
    ]);
    // Whom it means is the description model's call; the phrase is found.
    assert_eq!(
        source_of(&found, "We play for the town first,"),
        "the former goalkeeper"
    );
    assert_eq!(
        source_of(&found, "that the new spray kills whole hives in a week"),
        "Local beekeepers"
    );
    assert_eq!(
        source_of(&found, "the crossing guard had saved her son twice"),
        "The mother of twins"
    );
}

#[test]
fn what_someone_found_that_is_reported() {
    let found = statements(&[
        "Nadia Farouk, a hydrologist, spent three summers on the delta.",
        "She found that the marsh had lost a fifth of its birds since 2010.",
        "The inspectors found that two of the pumps had never been serviced.",
    ]);
    assert_eq!(
        speaker_of(
            &found,
            "that the marsh had lost a fifth of its birds since 2010"
        )
        .as_deref(),
        Some("Nadia Farouk")
    );
    assert_eq!(
        source_of(&found, "that two of the pumps had never been serviced"),
        "The inspectors"
    );
}

/// A run of "she said" after one name: each pronoun may mean the person
/// the one before it did, even when another woman was named since and
/// the name itself is sentences back.
#[test]
fn a_pronoun_speaker_carries_down_a_run_of_quotations() {
    let found = statements(&[
        "Teresa Quill, the harbor master, said on Tuesday that the ferry to Gull Island would run again in May.",
        "\u{201c}We have the boat,\u{201d} she said. \u{201c}We found a captain in April.\u{201d}",
        "\u{201c}We have the crew,\u{201d} she said.",
        "The old boat was named for Edna Marsh, a teacher who crossed to the island every day for forty years. The new one has no name yet.",
        "\u{201c}And now, at last, we have the money,\u{201d} she said.",
    ]);
    assert_eq!(
        speaker_of(&found, "And now, at last, we have the money,").as_deref(),
        Some("Teresa Quill")
    );
}

/// "said that …", "told reporters on Friday that …", "said, in a long
/// interview …, that …", "said last week that …": the content is the
/// clause "that" opens, "that" included (as PolNeAR marks a Content),
/// with no word of who was told, where or when.
#[test]
fn a_that_clause_is_the_content_from_its_that() {
    let found = statements(&[
        "The union's president, Dara Okoye, said that the strike would end when the port hired forty more crane drivers.",
        "The port's director, Felix Amsel, told reporters on Friday that no new drivers could be trained before March.",
        "Okoye said, in a long interview with the local radio station, that the union had offered to train them itself.",
        "Amsel said last week that the port would consider the offer.",
    ]);
    let c = contents(&found);
    for content in [
        "that the strike would end when the port hired forty more crane drivers",
        "that no new drivers could be trained before March",
        "that the union had offered to train them itself",
        "that the port would consider the offer",
    ] {
        assert!(c.contains(&content), "{content}: {c:?}");
    }
}

/// "…, Mr. Sykes said. (Just take a look.)": a bracket after a sentence's
/// period opens the next sentence; the statement is what came before the
/// cue, not the bracket's words.
#[test]
fn a_bracketed_sentence_after_a_closing_cue_is_not_its_content() {
    let found = statements(&[
        "That criticism was often warranted, Mr. Sykes said. (Just take a look at the ratings.) The station declined to comment.",
    ]);
    let c = contents(&found);
    assert!(c.contains(&"That criticism was often warranted"), "{c:?}");
    assert!(!c.iter().any(|c| c.contains("ratings")), "{c:?}");
}

/// "City engineers, however, said …": an aside set off by commas between
/// a noun subject and its cue is passed over to the subject, and is no
/// part of the source.
#[test]
fn an_aside_between_a_noun_subject_and_its_cue_is_passed_over() {
    let found = statements(&[
        "City engineers, however, said the bridge was unsafe.",
        "Bus drivers, for their part, argued that the new routes were too long.",
    ]);
    assert_eq!(source_of(&found, "the bridge was unsafe"), "City engineers");
    assert_eq!(
        source_of(&found, "that the new routes were too long"),
        "Bus drivers"
    );
}

/// "Officials have said the release was …": a bare plural before the
/// cue, auxiliaries between, is the source; the noun after the cue is
/// the content's subject, not a source.
#[test]
fn a_bare_group_before_an_auxiliary_and_its_cue_is_the_source() {
    let found = statements(&[
        "Port officials have said the new cranes will arrive in June.",
        "Critics, however, argue that the cranes are too small.",
    ]);
    assert_eq!(
        source_of(&found, "the new cranes will arrive in June"),
        "Port officials"
    );
    assert_eq!(
        source_of(&found, "that the cranes are too small"),
        "Critics"
    );
}

/// "Reyes and Okafor have said …": both names are the source phrase, the
/// auxiliary between them and the cue the verb's.
#[test]
fn two_names_before_an_auxiliary_are_one_source_phrase() {
    let found = statements(&[
        "Mayor Ana Reyes and Councilman Ben Okafor met on Monday.",
        "Reyes and Okafor have said the levy would fail.",
    ]);
    assert_eq!(source_of(&found, "the levy would fail"), "Reyes and Okafor");
}

/// "…, Ed Park said while leaving the hall.", "…, Reyes said when asked
/// about the budget.": a participle phrase after a closing attribution
/// says how it was said; the statement is what came before.
#[test]
fn a_participle_after_a_closing_attribution_is_not_the_content() {
    let found = statements(&[
        "The plan is dead, Ed Park said while leaving the hall on Monday.",
        "The tolls will rise, Mayor Ana Reyes said when asked about the budget.",
    ]);
    let c = contents(&found);
    assert!(c.contains(&"The plan is dead"), "{c:?}");
    assert!(c.contains(&"The tolls will rise"), "{c:?}");
}

#[test]
fn the_people_someone_has_are_not_that_person() {
    let found = statements(&[
        "Mayor Dana Whitfield opened the rebuilt library on Friday morning.",
        "Her critics said the project had run two years late.",
        "Whitfield's advisers argued that the delay had saved the city money.",
        "“She never gave up on it,” her brother said.",
        "Whitfield administration officials said the budget was balanced.",
        "Her office said the library would stay open until midnight.",
    ]);
    for content in [
        "the project had run two years late",
        "that the delay had saved the city money",
        "She never gave up on it,",
        "the budget was balanced",
    ] {
        assert_ne!(
            speaker_of(&found, content).as_deref(),
            Some("Dana Whitfield"),
            "{found:?}"
        );
    }
    // A thing she owns still speaks for her.
    assert_eq!(
        speaker_of(&found, "the library would stay open until midnight").as_deref(),
        Some("Dana Whitfield"),
        "{found:?}"
    );
}

/// "NAME, the governor of STATE," gives the person the role and the state
/// none, so "the governor said" later is the person (it was the state,
/// and so no one); a poll's author is the body after "by", not the place
/// after its "of"; "the results of a NAME poll" speak for the poll's
/// owner; a possessive opening a sentence before what speaks for it is a
/// name even when the article writes it nowhere else.
#[test]
fn a_place_after_a_role_or_an_owner_is_no_speaker() {
    let found = statements(&[
        "Lena Marsh, the governor of New Mexico, toured the flooded towns on Tuesday.",
        "The governor said the levees would be rebuilt by spring.",
        "“We will not leave anyone behind,” the governor said.",
        "A survey by the Rural Policy Institute of Kansas found that most farmers expected losses.",
        "The results of the latest Hollis College poll show Marsh ahead by nine points.",
        "Pellworth’s own tracking poll put her approval at 61 percent.",
    ]);
    for content in [
        "the levees would be rebuilt by spring",
        "We will not leave anyone behind,",
    ] {
        assert_eq!(
            speaker_of(&found, content).as_deref(),
            Some("Lena Marsh"),
            "{found:?}"
        );
    }
    assert_eq!(
        speaker_of(&found, "that most farmers expected losses").as_deref(),
        Some("Rural Policy Institute"),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "Marsh ahead by nine points").as_deref(),
        Some("Hollis College"),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "her approval at 61 percent").as_deref(),
        Some("Pellworth"),
        "{found:?}"
    );
}

/// A place that acts in the text ("Vermont voted …") is still no one a
/// "he" means, and a pronoun with its verb opening a sentence ("I'd …")
/// is no name.
#[test]
fn a_place_that_acts_is_no_antecedent_and_a_contraction_is_no_name() {
    let found = statements(&[
        "Senator Owen Tallis toured the mill towns of West Virginia on Monday.",
        "West Virginia voted for him twice, and West Virginia said it would again.",
        "“We have come a long way since the spring,” he told supporters in Elkins.",
        "I'd argue that the mill closures decided the race, a local pastor said.",
    ]);
    assert_eq!(
        speaker_of(&found, "We have come a long way since the spring,").as_deref(),
        Some("Owen Tallis"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|s| !s.2.as_deref().is_some_and(|n| n.starts_with("I'"))),
        "{found:?}"
    );
}

/// A surname named nowhere else opens its sentence with an adverb before
/// the cue ("Varga openly admitted …"): a name all the same.
#[test]
fn a_lone_surname_before_an_adverb_and_a_cue_is_a_speaker() {
    let found = statements(&[
        "The race tightened in the last week of the campaign.",
        "Varga openly admitted that the late start had cost him the north.",
    ]);
    assert_eq!(
        speaker_of(&found, "that the late start had cost him the north").as_deref(),
        Some("Varga"),
        "{found:?}"
    );
}

/// "He even offered a few details of …": a phrase read as the source
/// that holds "he" speaks for whom "he" means, not for no one.
#[test]
fn a_pronoun_inside_a_source_phrase_is_who_speaks() {
    let found = statements(&[
        "Mayor Ilse Brandt spoke for an hour at the river festival on Sunday.",
        "She even gave a few hints of a run for governor, talking warmly of the northern counties.",
    ]);
    let hint = found
        .iter()
        .find(|s| s.1.starts_with("a run for governor"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(hint.2.as_deref(), Some("Ilse Brandt"), "{found:?}");
}

/// A source is the whole phrase that names who spoke, as annotators mark
/// it: an apposition of several parts, one before a verb that is not the
/// cue, a description set off before the name, describing words before
/// it (at the sentence's opening too), the subjects of a list joined by
/// "and", the head whose object the name is ("advisers to …"), a
/// description's own attachment, the words that count it; and not the
/// words that open the clause before it.
#[test]
fn a_source_is_the_whole_phrase_that_names_it() {
    let found = statements(&[
        "Mayor Ana Reyes took office in March. “The tolls will rise,” said Ana Reyes, director of Metro Watch, a riders' group.",
        "Ben Okafor, the county's chief engineer, also said the bridge needed repairs.",
        "“We will fight it,” said Lena Moss, the union's president, adding that a strike was possible.",
        "The city's budget director, Mara Lind, said the shortfall was growing.",
        "On Monday, veteran union organizer Dale Moss said the vote was close.",
        "Reyes and her deputies have argued that the fares must rise.",
        "But city engineers said the bridge was safe.",
        "“The numbers do not add up,” said a spokesman for the transit authority.",
        "After the meeting, Reyes said the fares would rise.",
        "About 40 percent of riders said the buses were late.",
        "Reyes, Okafor and Councilwoman Dana Lind said the plan was sound.",
        "Transit union president Ed Varga said the strike would go on.",
        "Yesterday Ed Varga said the talks had failed.",
        "Advisers to Mayor Reyes argued that the levy was fair.",
        "But some Democrats said the plan would fail.",
        "Her letter to the council noted that the budget was short.",
    ]);
    let cases = [
        (
            "The tolls will rise,",
            "Ana Reyes, director of Metro Watch, a riders' group",
        ),
        (
            "the bridge needed repairs",
            "Ben Okafor, the county's chief engineer",
        ),
        ("We will fight it,", "Lena Moss, the union's president"),
        (
            "the shortfall was growing",
            "The city's budget director, Mara Lind",
        ),
        ("the vote was close", "veteran union organizer Dale Moss"),
        ("that the fares must rise", "Reyes and her deputies"),
        ("the bridge was safe", "city engineers"),
        (
            "The numbers do not add up,",
            "a spokesman for the transit authority",
        ),
        ("the fares would rise", "Reyes"),
        ("the buses were late", "About 40 percent of riders"),
        (
            "the plan was sound",
            "Reyes, Okafor and Councilwoman Dana Lind",
        ),
        ("the strike would go on", "Transit union president Ed Varga"),
        ("the talks had failed", "Ed Varga"),
        ("that the levy was fair", "Advisers to Mayor Reyes"),
        ("the plan would fail", "some Democrats"),
        ("that the budget was short", "Her letter to the council"),
    ];
    for (content, source) in cases {
        assert_eq!(source_of(&found, content), source, "{content}");
    }
}

/// "She said" after a man and a woman are named goes to the woman, and a
/// person whose surname is a building's word ("Park") is a person, for
/// first names beyond the commonest few hundred.
#[test]
fn first_names_beyond_the_commonest_give_gender_and_personhood() {
    let found = statements(&[
        "Marvin Okoro met Glenda Voss at the depot on Monday. She said the strike would end soon.",
        "Phyllis Grant thanked Curt Lomax for the loan. He said the money had arrived late.",
        "“We will win,” said Lena Park, the union's president.",
    ]);
    assert_eq!(
        speaker_of(&found, "the strike would end soon").as_deref(),
        Some("Glenda Voss")
    );
    assert_eq!(
        speaker_of(&found, "the money had arrived late").as_deref(),
        Some("Curt Lomax")
    );
    assert_eq!(
        speaker_of(&found, "We will win,").as_deref(),
        Some("Lena Park")
    );
}

#[test]
fn a_headline_in_title_case_names_only_who_the_text_names() {
    // Every word of a headline is capitalised: "Praises" and "Harbor Plan"
    // are no part of a name; "Ames" is, because the running text writes
    // it as one.
    let found = statements(&[
        "Ames Praises Harbor Plan, Says Work Will Start In Spring.",
        "Councilwoman Lena Ames said on Tuesday that the harbor plan would bring hundreds of jobs to the east side.",
        "“We waited ten years for this,” Ames said.",
    ]);
    assert_eq!(
        speaker_of(&found, "Work Will Start In Spring").as_deref(),
        Some("Lena Ames"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|s| s.2.as_deref().is_none_or(|who| !who.contains("Praises"))),
        "{found:?}"
    );
}

#[test]
fn a_cue_coordinated_with_an_earlier_verb_shows_that_clauses_subject_as_its_source() {
    let found = statements(&[
        "Mayor Dana Ruiz spoke on Monday at City Hall.",
        "She was defending the transit agency against weeks of attacks from the council and the local press, but admitted that two of the new buses had failed inspection.",
        "The mayor was asked about the fares at the end of a long hearing on Monday, and promised that they would stay the same.",
    ]);
    let failed = statement_of(&found, "that two of the new buses had failed inspection");
    assert_eq!(failed.2.as_deref(), Some("Dana Ruiz"), "{found:?}");
    assert_eq!(failed.3.as_deref(), Some("She"), "{found:?}");
    let fares = statement_of(&found, "that they would stay the same");
    assert_eq!(fares.3.as_deref(), Some("The mayor"), "{found:?}");
}

#[test]
fn subjects_joined_by_and_speak_through_the_first_named() {
    let found = statements(&[
        "Mayor Dana Ruiz and Councilman Ed Varga met on Monday. Ruiz spoke first; Varga spoke next.",
        "At the hearing, Ruiz and Varga both argued that the fares would stay the same.",
        "On Tuesday, Ruiz and the Transit Authority asserted that no bus had failed inspection.",
    ]);
    for content in [
        "that the fares would stay the same",
        "that no bus had failed inspection",
    ] {
        assert_eq!(
            speaker_of(&found, content).as_deref(),
            Some("Dana Ruiz"),
            "{content}: {found:?}"
        );
    }
}

#[test]
fn a_line_of_a_dash_and_a_name_signs_the_quotation_above_it() {
    let found = statements(&[
        "The debate's claims, checked one by one.",
        "\"Nine in ten new jobs went to the top of the ladder.\"",
        "- Councilwoman Dana Lind.",
        "\"We fixed the buses before anyone asked us to.\"",
        "—Omar Haddad, Riverside.",
        "\"The budget is balanced.\" The mayor repeated it twice.",
        "- Reuters.",
    ]);
    assert_eq!(
        speaker_of(
            &found,
            "Nine in ten new jobs went to the top of the ladder."
        )
        .as_deref(),
        Some("Dana Lind"),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "We fixed the buses before anyone asked us to.").as_deref(),
        Some("Omar Haddad"),
        "{found:?}"
    );
    // A credit line under a paragraph of running text signs nothing.
    assert!(
        found.iter().all(|s| s.2.as_deref() != Some("Reuters")),
        "{found:?}"
    );
}

#[test]
fn a_name_with_its_party_tag_before_a_colon_speaks_the_quotation_after_it() {
    let found = statements(&[
        "The hearing turned on one number.",
        "Sen. Carl Brandt (R-Ohio):\"Who gave you that figure? I have never seen it.\"",
        "Rep. Ada Pryor (D-Maine): \"It came from your own staff.\"",
    ]);
    assert_eq!(
        speaker_of(&found, "Who gave you that figure? I have never seen it.").as_deref(),
        Some("Carl Brandt"),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "It came from your own staff.").as_deref(),
        Some("Ada Pryor"),
        "{found:?}"
    );
}

#[test]
fn who_after_an_apposition_speaks_for_the_person_it_describes() {
    let found = statements(&[
        "Shares of Brightline fell on Monday.",
        "The sharpest warning came from Howard Rubel, an analyst at Keystone Partners, who said that the cuts would go deeper.",
        "The lawsuit was covered widely, not least by Megyn Kelly of Fox News, who said that the mayor had changed his story.",
    ]);
    assert_eq!(
        speaker_of(&found, "that the cuts would go deeper").as_deref(),
        Some("Howard Rubel"),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "that the mayor had changed his story").as_deref(),
        Some("Megyn Kelly"),
        "{found:?}"
    );
}

#[test]
fn a_surname_that_is_a_title_and_a_name_that_leads_its_group_speak() {
    let found = statements(&[
        "The county board met on Monday.",
        "On Monday, Representative Ada King, Democrat of Ohio, said that the vote was close.",
        "Mayor Dana Ruiz and her advisers argued that the plan would work.",
    ]);
    // "King" is a surname here, not the title before an apposed name.
    assert_eq!(
        speaker_of(&found, "that the vote was close").as_deref(),
        Some("Ada King"),
        "{found:?}"
    );
    let argued = statement_of(&found, "that the plan would work");
    assert_eq!(argued.2.as_deref(), Some("Dana Ruiz"), "{found:?}");
    assert_eq!(
        argued.3.as_deref(),
        Some("Mayor Dana Ruiz and her advisers"),
        "{found:?}"
    );
}

#[test]
fn a_piece_speaks_for_the_paper_it_ran_in() {
    let found = statements(&[
        "The county board met on Monday.",
        "\"The plan is a failure,\" reads a Wednesday editorial in The Harbor Gazette.",
    ]);
    assert_eq!(
        speaker_of(&found, "The plan is a failure,").as_deref(),
        Some("Harbor Gazette"),
        "{found:?}"
    );
}

#[test]
fn a_quotation_inside_reported_speech_is_that_speakers() {
    let found = statements(&[
        "The county board met on Monday.",
        "As Harbor Gazette analyst Dana Lind pointed out in December, “The delegates will have many chances to change it.”",
    ]);
    assert_eq!(
        speaker_of(&found, "The delegates will have many chances to change it.").as_deref(),
        Some("Dana Lind"),
        "{found:?}"
    );
}

#[test]
fn a_phrase_that_modifies_the_subject_is_passed_over_to_find_it() {
    let found = statements(&[
        "Pilots who flew the route last winter said the runway lights failed twice.",
        "Harbor officials, like their counterparts upriver, said the dredging would wait until spring.",
        "Teachers, along with several parents, argued the schedule was too tight.",
    ]);
    let source_of = |content: &str| statement_of(&found, content).3.clone();
    // Not "flew the route last winter": the relative clause is not the subject.
    assert_eq!(
        source_of("the runway lights failed twice").as_deref(),
        Some("Pilots")
    );
    // These two were not read at all: the phrase between subject and cue
    // hid the subject.
    assert_eq!(
        source_of("the dredging would wait until spring").as_deref(),
        Some("Harbor officials")
    );
    assert_eq!(
        source_of("the schedule was too tight").as_deref(),
        Some("Teachers")
    );
}

#[test]
fn who_with_only_auxiliaries_before_the_cue_is_its_subject() {
    // "who has opposed": "who" is the cue's own subject, and the person
    // it describes still speaks the main clause.
    let found = statements(&[
        "Councilwoman Ada Pike, a Democrat who has opposed the plan, said the vote was rushed.",
    ]);
    assert_eq!(
        speaker_of(&found, "the vote was rushed").as_deref(),
        Some("Ada Pike")
    );
}

#[test]
fn a_participle_opening_a_sentence_is_no_speaker() {
    let found = statements(&[
        "Mayor Lena Ortiz toured the mill on Friday.",
        "Having promised that the mill would stay open, the owner closed it within a year.",
        "The mayor said the closure broke a promise.",
    ]);
    assert!(
        found.iter().all(|s| s.2.as_deref() != Some("Having")),
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "the closure broke a promise").as_deref(),
        Some("Lena Ortiz")
    );
}

#[test]
fn a_comma_before_words_that_describe_the_report_ends_its_content() {
    // Any comma is a place a content may end; the end model weighs what
    // follows it (a participle or an apposition about the report itself is
    // not what was said).
    let found = statements(&[
        "The school board announced a new schedule for the fall, drawing complaints from parents who work early shifts.",
        "Ortiz mentioned her granddaughter in speeches, a habit her aides say voters like.",
    ]);
    let c = contents(&found);
    assert!(c.contains(&"a new schedule for the fall"), "{c:?}");
    assert!(c.contains(&"her granddaughter in speeches"), "{c:?}");
}

#[test]
fn a_word_that_counts_a_group_is_a_subject_that_speaks() {
    let found = statements(&[
        "The sale of the station divided its listeners.",
        "Some argue that the station should stay open.",
        "The plan has critics, but others say the sale was rushed.",
        "Both think the price was too low.",
    ]);
    // Groups are no one: the statements are found, with no speaker.
    for (content, source) in [
        ("that the station should stay open", "Some"),
        ("the sale was rushed", "others"),
        ("the price was too low", "Both"),
    ] {
        let s = statement_of(&found, content);
        assert_eq!(s.3.as_deref(), Some(source), "{found:?}");
        assert_eq!(s.2, None, "{found:?}");
    }
}

#[test]
fn a_personal_pronoun_passes_over_an_organisation_named_since() {
    // The rules read a run of capitalised words of no known first name as
    // a person's name; the name tagger knows these as organisations, so
    // "she" goes back to the tenant organiser.
    for body in ["Public Citizen", "Common Cause", "Human Rights Watch"] {
        let found = statements(&[
            "Dana Whitlock has organised tenants in the city since 2012.",
            &format!("{body} filed a complaint with the state on Wednesday."),
            "“Nobody should lose a home over a paperwork error,” she said.",
        ]);
        let s = statement_of(&found, "Nobody should lose a home over a paperwork error,");
        assert_eq!(s.2.as_deref(), Some("Dana Whitlock"), "{body}: {found:?}");
    }
}

#[test]
fn went_on_after_a_quotation_is_its_cue_and_a_credit_line_no_statement() {
    let found = statements(&[
        "Mayor Ellen Varga spoke to the council on Monday about the new budget.",
        "“We cannot keep paying for roads we never repair,” she went on.",
        "The vote is expected next week.",
        "Contributing: Paul Reyes and Dana Whitlock, City Desk.",
    ]);
    assert_eq!(
        speaker_of(&found, "We cannot keep paying for roads we never repair,").as_deref(),
        Some("Ellen Varga"),
        "{found:?}"
    );
    // Who helped report the piece said none of it.
    assert!(
        found.iter().all(|s| !s.1.contains("Paul Reyes")),
        "{found:?}"
    );
}

#[test]
fn a_person_first_named_by_surname_alone_is_a_person_once_named_in_full() {
    // A headline or an opening line often names someone by surname
    // alone; the full name later makes them a person, whom "he" and
    // "the senator" may mean.
    let found = statements(&[
        "Whitcombe still opposes the merger.",
        "Thomas Whitcombe has run the port for a decade. The company that bought the \
         terminal did not return calls.",
        "“We were never told the sale was coming,” he said.",
        "One month after the vote, Whitcombe still believes the deal is flawed. “I stand by \
         everything I said,” the senator told reporters on Thursday.",
    ]);
    for content in [
        "We were never told the sale was coming,",
        "I stand by everything I said,",
    ] {
        assert_eq!(
            speaker_of(&found, content).as_deref(),
            Some("Thomas Whitcombe"),
            "{found:?}"
        );
    }
}

#[test]
fn a_closing_attribution_after_a_comma_is_not_the_contents() {
    // Each closing attribution names who in a few words and may say when or
    // how; none of it is what the first speaker said.
    for closing in [
        "two port officials said Thursday",
        "harbor staff said on Friday",
        "a spokeswoman said in a statement",
    ] {
        let found = statements(&[&format!(
            "Commissioner Ada Okafor said the ferry terminal would reopen by June, {closing}."
        )]);
        assert_eq!(
            speaker_of(&found, "the ferry terminal would reopen by June").as_deref(),
            Some("Ada Okafor"),
            "{closing}"
        );
        assert!(
            !found.iter().any(|s| s.1.contains(closing)),
            "{closing}: {found:?}"
        );
    }
    // Cut at the comma before the attribution, not at an earlier one.
    let found = statements(&[
        "Commissioner Ada Okafor said the new terminal was late, costly, two port officials said.",
    ]);
    assert!(
        contents(&found).contains(&"the new terminal was late, costly"),
        "{found:?}"
    );
}

#[test]
fn adverbs_between_the_cue_and_its_that_are_not_content() {
    let found = statements(&[
        "Port director Lena Marsh said publicly that the dredging had stalled.",
        "Her deputy has argued again and again that the budget was too thin.",
        "Marsh spoke slowly so that the crowd could follow.",
    ]);
    let c = contents(&found);
    assert!(c.contains(&"that the dredging had stalled"), "{c:?}");
    assert!(c.contains(&"that the budget was too thin"), "{c:?}");
    assert!(!c.iter().any(|c| c.starts_with("that the crowd")), "{c:?}");
}

#[test]
fn a_participle_after_a_closing_attribution_reports_more_of_its_speaker() {
    // Each article alone: what the learned models choose depends on the
    // rest of the article, and the rule must not.
    for paragraphs in [
        &[
            "Nadia Ferro chairs the water board.",
            "The reservoir is safe, she said on Tuesday, adding that she would ask for new pumps.",
        ][..],
        &[
            "Nadia Ferro chairs the water board.",
            "The reservoir is safe, she said on Tuesday, adding that she would ask for new pumps.",
            "The rates will rise, Ferro told the county council on Friday, noting that costs had doubled.",
        ][..],
    ] {
        let found = statements(paragraphs);
        for content in [
            "The reservoir is safe",
            "that she would ask for new pumps",
        ] {
            assert_eq!(
                speaker_of(&found, content).as_deref(),
                Some("Nadia Ferro"),
                "{found:?}"
            );
        }
        let adding = statement_of(&found, "that she would ask for new pumps");
        assert_eq!(adding.3.as_deref(), Some("she"), "{found:?}");
    }
    let found = statements(&[
        "Nadia Ferro chairs the water board.",
        "The rates will rise, Ferro told the county council on Friday, noting that costs had doubled.",
    ]);
    for content in ["The rates will rise", "that costs had doubled"] {
        assert_eq!(
            speaker_of(&found, content).as_deref(),
            Some("Nadia Ferro"),
            "{found:?}"
        );
    }
}

/// A cue no lexicon lists and the cue model turns down is read when the
/// attribution labeller (`src/extract/span_tagger.rs`) begins a cue there:
/// "charges that …" reports what the charging person said, whoever it is
/// and wherever the sentence stands. Each sentence is its own article.
#[test]
fn a_cue_only_the_labeller_knows_is_read() {
    for (sentence, content, speaker) in [
        (
            "Governor Ada Marsh charges that the utility hid the cost of the outage.",
            "that the utility hid the cost of the outage",
            "Ada Marsh",
        ),
        (
            "Rep. Dana Cole charges that the county ignored the flood warnings for a week.",
            "that the county ignored the flood warnings for a week",
            "Dana Cole",
        ),
    ] {
        let found = statements(&[sentence]);
        assert_eq!(
            speaker_of(&found, content).as_deref(),
            Some(speaker),
            "{found:?}"
        );
    }
}

/// Words of when after a cue are passed ("told reporters this afternoon
/// the talks …"), unless a finite verb follows them: then they are the
/// reported clause's subject ("said this was …", "said last year was …"),
/// and the statement keeps them.
#[test]
fn words_of_when_after_a_cue_are_passed_unless_they_are_the_subject() {
    let found = statements(&[
        "Mayor Ada Ruiz said this was a mistake that would cost the city.",
        "Councilman Tom Reddick said last year was the hardest of his career.",
        "Senator Dana Cole told reporters this afternoon the talks would resume.",
    ]);
    assert_eq!(
        contents(&found),
        [
            "this was a mistake that would cost the city",
            "last year was the hardest of his career",
            "the talks would resume",
        ],
        "{found:?}"
    );
}

/// A group named with a capital ("Mexican-Americans") is no person: a
/// description ("the senator") never means it, however close it stands.
#[test]
fn a_group_named_with_a_capital_is_no_person() {
    let found =
        statements(&["The senator told Mexican-Americans on Friday that the bill would pass."]);
    assert_eq!(
        speaker_of(&found, "that the bill would pass"),
        None,
        "{found:?}"
    );
}

/// A noun phrase that opens the sentence right before its cue is the
/// cue's subject, the rules' source, whether or not a lexicon lists its
/// head ("The plumbers found that …").
#[test]
fn a_noun_phrase_opening_the_sentence_before_its_cue_is_the_source() {
    let found = statements(&[
        "The plumbers found that the pipes had burst in January.",
        "Two veteran lifeguards warned that the currents were stronger than usual.",
    ]);
    assert_eq!(
        source_of(&found, "that the pipes had burst in January"),
        "The plumbers"
    );
    assert_eq!(
        source_of(&found, "that the currents were stronger than usual"),
        "Two veteran lifeguards"
    );
}

/// A connective opening the sentence ("But", "Still,", "However,") links
/// it to the one before: the writer's, not part of what a closing
/// attribution reports.
#[test]
fn a_connective_opening_the_sentence_is_not_what_was_said() {
    let found = statements(&[
        "But the goal is not revenue, Mayor Ada Ruiz said.",
        "Still, the plan would cost too much, Councilman Tom Reddick said.",
        "However, the budget is balanced, Reddick added.",
    ]);
    assert_eq!(
        contents(&found),
        [
            "the goal is not revenue",
            "the plan would cost too much",
            "the budget is balanced",
        ],
        "{found:?}"
    );
}

/// "I" outside a quotation is the writer: on a letters page, the name
/// that signs the letter; in an op-ed, the author its closing line names.
/// A report with neither leaves "I" nobody's.
#[test]
fn the_writers_i_is_the_letters_signer_or_the_op_eds_author() {
    let letters = statements(&[
        "LETTERS.",
        "I believe the council wasted the flood money on consultants.",
        "Michael Pravica.",
        "Henderson, Nev.",
        "I think the mayor should resign before the next election.",
        "Chris Smith.",
    ]);
    assert_eq!(
        speaker_of(
            &letters,
            "the council wasted the flood money on consultants"
        )
        .as_deref(),
        Some("Michael Pravica"),
        "{letters:?}"
    );
    assert_eq!(
        speaker_of(&letters, "the mayor should resign before the next election").as_deref(),
        Some("Chris Smith"),
        "{letters:?}"
    );
    let op_ed = statements(&[
        "I believe the census asks for far too much about our homes.",
        "The bureau calls every week, and the questions never end.",
        "James Bovard is the author of a book on public policy.",
    ]);
    assert_eq!(
        speaker_of(&op_ed, "the census asks for far too much about our homes").as_deref(),
        Some("James Bovard"),
        "{op_ed:?}"
    );
}

/// "Duarte, speaking to reporters outside City Hall, said": a phrase
/// opening with a participle between the subject and its cue describes the
/// subject; a name inside it ("City Hall") is not who spoke.
#[test]
fn a_participle_phrase_after_the_subject_leaves_it_the_speaker() {
    let found = statements(&[
        "Commissioner Ilse Brandvold opened the hearing on the ferry contract at noon.",
        "Brandvold, speaking to reporters outside Harbor House, said the contract would \
         be signed by spring.",
        "Brandvold, asked about the Tollgate Marina deal, said she had not read it.",
    ]);
    for content in [
        "the contract would be signed by spring",
        "she had not read it",
    ] {
        assert_eq!(
            speaker_of(&found, content).as_deref(),
            Some("Ilse Brandvold"),
            "{found:?}"
        );
    }
}

/// "Besides Centerview, …", "Outside Carrier's plant, …": a word opening
/// a sentence that the tagger reads as no noun is not made part of the
/// name after it by that name's capital, and "everything" is no name.
#[test]
fn a_word_that_opens_a_sentence_before_a_name_is_no_part_of_it() {
    let found = statements(&[
        "The Vantrell Party filed its list of candidates on Friday.",
        "Besides Vantrell, three other parties said they would take part in the count.",
        "Outside Vantrell headquarters, organisers said the march would go ahead.",
        "Everything Vantrell says is a bargaining position, one rival wrote.",
        "Vantrell said it would ask for a recount in the northern districts.",
    ]);
    let speakers: Vec<String> = found.iter().filter_map(|s| s.2.clone()).collect();
    for bad in [
        "Besides Vantrell",
        "Outside Vantrell",
        "Everything Vantrell",
    ] {
        assert!(!speakers.iter().any(|s| s == bad), "{bad}: {found:?}");
    }
    assert_eq!(
        speaker_of(
            &found,
            "it would ask for a recount in the northern districts"
        )
        .as_deref(),
        Some("Vantrell"),
        "{found:?}"
    );
}

#[test]
fn talking_reports_only_its_topic() {
    let found = statements(&[
        "Councilwoman Ruth Abernathy earned large speaking fees from two developers last year.",
        "Abernathy is speaking Wednesday to the Harbor Business League at its annual lunch.",
        "Mayor Kwame Ossei spoke Portuguese with the visiting delegation and toured the port.",
        "Ossei later spoke at length about the dredging contract and its overruns.",
        "Abernathy has spoken out in favor of a new seawall.",
    ]);
    // Where the cue and the content start is the models' call; that the
    // talk without a topic reports nothing is the rule's.
    let c = contents(&found);
    assert_eq!(c.len(), 2, "{found:?}");
    assert!(
        c[0].ends_with("about the dredging contract and its overruns")
            || c[0] == "the dredging contract and its overruns",
        "{found:?}"
    );
    assert!(c[1].ends_with("a new seawall"), "{found:?}");
    assert_eq!(speaker_of(&found, c[0]).as_deref(), Some("Kwame Ossei"));
    assert_eq!(speaker_of(&found, c[1]).as_deref(), Some("Ruth Abernathy"));
}

#[test]
fn the_subject_of_a_passive_cue_is_not_who_spoke() {
    let found = statements(&[
        "Deputy Commissioner Paula Okafor has been mentioned as a successor to the retiring chief.",
        "Okafor was asked about the harbor loan twice during the hearing.",
        "The treasurer was told that the audit would be delayed.",
        "Okafor was quoted as saying the audit would clear the port authority.",
    ]);
    // Who was spoken to or of is never the speaker; "quoted as saying"
    // makes its subject the speaker.
    for (_, content, speaker, _) in &found {
        if content != "the audit would clear the port authority" {
            assert_eq!(speaker, &None, "{content}: {found:?}");
        }
    }
    assert_eq!(
        speaker_of(&found, "the audit would clear the port authority").as_deref(),
        Some("Paula Okafor")
    );
}

#[test]
fn a_group_is_nobody_whatever_name_its_phrase_holds() {
    let found = statements(&[
        "Gov. Mark Halloway met donors in Fort Wayne on Friday.",
        "Advisers to Mr. Halloway said the budget was balanced.",
        "Supporters of Halloway in the legislature said the vote would be close.",
        "Halloway said the tax cut would pass.",
    ]);
    assert_eq!(
        speaker_of(&found, "the budget was balanced"),
        None,
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "the vote would be close"),
        None,
        "{found:?}"
    );
    assert_eq!(
        speaker_of(&found, "the tax cut would pass").as_deref(),
        Some("Mark Halloway")
    );
}
