//! The window itself (native: eframe's viewport commands).

/// Makes the window full screen (presenting) or gives the screen back.
pub fn set_fullscreen(ctx: &egui::Context, on: bool) {
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
}
