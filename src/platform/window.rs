//! The window itself (native: eframe's viewport commands).

/// Whether the application can close its own window (a menu's Quit).
pub const CAN_QUIT: bool = true;

/// Whether the application can open a second window (the presenter's view).
pub const SECOND_WINDOWS: bool = true;

/// Makes the window full screen (presenting) or gives the screen back.
pub fn set_fullscreen(ctx: &egui::Context, on: bool) {
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
}
